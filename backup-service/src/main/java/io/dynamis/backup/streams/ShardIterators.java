package io.dynamis.backup.streams;

import com.fasterxml.jackson.databind.JsonNode;
import io.dynamis.core.error.ApiError;
import io.dynamis.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A shard iterator: the stream, the shard and the position (the sequence number after which reading
 * goes on), as opaque URL-safe Base64 text. It carries all its state, so any backup-service replica
 * can serve the next GetRecords.
 */
final class ShardIterators {

    record Position(String streamArn, String shardId, long afterSequence) {
    }

    private ShardIterators() {
    }

    static String encode(Position position) {
        byte[] json = Json.toBytes(Json.object().put("a", position.streamArn()).put("s", position.shardId())
                .put("p", position.afterSequence()));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json);
    }

    static Position decode(String iterator) {
        try {
            JsonNode node = Json.readTree(Base64.getUrlDecoder().decode(iterator.getBytes(StandardCharsets.US_ASCII)));
            if (!node.hasNonNull("a") || !node.hasNonNull("s") || !node.path("p").canConvertToLong()) {
                throw new IllegalArgumentException();
            }
            return new Position(node.get("a").asText(), node.get("s").asText(), node.get("p").asLong());
        } catch (RuntimeException e) {
            throw ApiError.validation("Invalid ShardIterator");
        }
    }
}
