package io.dynamis.backup.streams;

import com.fasterxml.jackson.databind.JsonNode;
import io.dynamis.core.error.ApiError;
import io.dynamis.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Locale;

/**
 * A shard iterator: the stream, the shard, the position (the sequence number after which reading goes
 * on) and when it was handed out, as opaque URL-safe Base64 text. It carries all its state, so any
 * backup-service replica can serve the next GetRecords. As in DynamoDB it expires 15 minutes after it was
 * handed out (ExpiredIteratorException); every GetRecords hands out a fresh one. Text that is not an
 * iterator of ours is {@code ValidationException: Invalid ShardIterator}.
 */
final class ShardIterators {

    /** How long an iterator may be used, as in DynamoDB. */
    static final long LIFETIME_MILLIS = 15 * 60_000L;

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss zzz yyyy", Locale.US)
            .withZone(ZoneId.of("UTC"));

    record Position(String streamArn, String shardId, long afterSequence) {
    }

    /** A decoded iterator: its position and when it was handed out. */
    record Issued(Position position, long issuedMillis) {
    }

    private ShardIterators() {
    }

    static String encode(Position position, long nowMillis) {
        byte[] json = Json.toBytes(Json.object().put("a", position.streamArn()).put("s", position.shardId())
                .put("p", position.afterSequence()).put("t", nowMillis));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json);
    }

    /** The iterator's position, or ValidationException when the text is no iterator of ours. */
    static Issued decode(String iterator) {
        try {
            JsonNode node = Json.readTree(Base64.getUrlDecoder().decode(iterator.getBytes(StandardCharsets.US_ASCII)));
            if (!node.path("a").isTextual() || !node.path("s").isTextual() || !node.path("p").canConvertToLong()
                    || !node.path("t").canConvertToLong()) {
                throw new IllegalArgumentException();
            }
            StreamArns.parse(node.get("a").asText());
            return new Issued(new Position(node.get("a").asText(), node.get("s").asText(), node.get("p").asLong()),
                    node.get("t").asLong());
        } catch (RuntimeException e) {
            throw ApiError.validation("Invalid ShardIterator");
        }
    }

    /** The position of an iterator still in its lifetime at {@code nowMillis}, or ExpiredIteratorException. */
    static Position fresh(Issued issued, long nowMillis) {
        if (nowMillis - issued.issuedMillis() > LIFETIME_MILLIS) {
            throw ApiError.expiredIterator("Iterator expired. The iterator was created at time "
                    + TIME.format(Instant.ofEpochMilli(issued.issuedMillis())) + " while right now it is "
                    + TIME.format(Instant.ofEpochMilli(nowMillis)) + " which is further in the future than the"
                    + " tolerated delay of " + LIFETIME_MILLIS + " milliseconds.");
        }
        return issued.position();
    }
}
