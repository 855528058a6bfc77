package io.dynamis.backup.streams;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.backup.client.ItemServiceClient;
import io.dynamis.core.error.ApiError;
import io.dynamis.core.json.Json;
import io.dynamis.core.protocol.Operation;
import io.dynamis.core.protocol.RequestReader;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * GetShardIterator: where reading a shard starts. TRIM_HORIZON: at the oldest record kept; LATEST: after
 * the last change item-service has logged; AT_SEQUENCE_NUMBER and AFTER_SEQUENCE_NUMBER: at or after
 * the given record.
 */
@ApplicationScoped
public class GetShardIterator implements Operation {

    private final StreamCatalog streams;
    private final ItemServiceClient itemService;

    public GetShardIterator(StreamCatalog streams, ItemServiceClient itemService) {
        this.streams = streams;
        this.itemService = itemService;
    }

    @Override
    public String name() {
        return "GetShardIterator";
    }

    @Override
    public CompletionStage<ObjectNode> execute(ObjectNode json) {
        RequestReader request = new RequestReader(json);
        String arn = request.string("StreamArn");
        request.requirePresent("StreamArn", "streamArn");
        String shardId = request.string("ShardId");
        request.requirePresent("ShardId", "shardId");
        request.requirePresent("ShardIteratorType", "shardIteratorType");
        String type = request.enumValue("ShardIteratorType", "shardIteratorType",
                "TRIM_HORIZON", "LATEST", "AT_SEQUENCE_NUMBER", "AFTER_SEQUENCE_NUMBER");
        String sequenceNumber = request.string("SequenceNumber");
        request.validate();
        StreamCatalog.Stream stream = streams.require(arn);
        if (!stream.shardId().equals(shardId)) {
            throw ApiError.resourceNotFound("Requested resource not found: Shard does not exist");
        }
        long after = switch (type) {
            case "TRIM_HORIZON" -> 0;
            case "LATEST" -> itemService.logPosition().lastSequence();
            default -> {
                long sequence = sequence(sequenceNumber);
                yield "AT_SEQUENCE_NUMBER".equals(type) ? sequence - 1 : sequence;
            }
        };
        ObjectNode response = Json.object();
        response.put("ShardIterator", ShardIterators.encode(new ShardIterators.Position(arn, shardId, after)));
        return CompletableFuture.completedFuture(response);
    }

    private static long sequence(String sequenceNumber) {
        if (sequenceNumber == null) {
            throw ApiError.validation("SequenceNumber is required for AT_SEQUENCE_NUMBER and AFTER_SEQUENCE_NUMBER");
        }
        try {
            long sequence = Long.parseLong(sequenceNumber);
            if (sequence < 0) {
                throw new NumberFormatException();
            }
            return sequence;
        } catch (NumberFormatException e) {
            throw ApiError.validation("Invalid SequenceNumber: " + sequenceNumber);
        }
    }
}
