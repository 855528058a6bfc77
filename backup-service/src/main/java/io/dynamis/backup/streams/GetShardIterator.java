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
 * the last change the shard's item-service shard has logged; AT_SEQUENCE_NUMBER and AFTER_SEQUENCE_NUMBER: at or after
 * the given record, whose {@code SequenceNumber} they require (and the other two refuse). The members are
 * checked as DynamoDB checks them (lengths, the type's enum) before the stream is looked up.
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
        String arn = MemberLengths.string(request, "StreamArn", "streamArn", MemberLengths.STREAM_ARN);
        request.requirePresent("StreamArn", "streamArn");
        String shardId = MemberLengths.string(request, "ShardId", "shardId", MemberLengths.SHARD_ID);
        request.requirePresent("ShardId", "shardId");
        request.requirePresent("ShardIteratorType", "shardIteratorType");
        String type = request.enumValue("ShardIteratorType", "shardIteratorType",
                "TRIM_HORIZON", "LATEST", "AT_SEQUENCE_NUMBER", "AFTER_SEQUENCE_NUMBER");
        String sequenceNumber = MemberLengths.string(request, "SequenceNumber", "sequenceNumber",
                MemberLengths.SEQUENCE_NUMBER);
        request.validate();
        boolean bySequence = type.equals("AT_SEQUENCE_NUMBER") || type.equals("AFTER_SEQUENCE_NUMBER");
        if (bySequence && sequenceNumber == null) {
            throw ApiError.validation("Must specify SequenceNumber when ShardIteratorType is " + type);
        }
        if (!bySequence && sequenceNumber != null) {
            throw ApiError.validation("Must not specify SequenceNumber when ShardIteratorType is " + type);
        }
        long sequence = bySequence ? sequence(sequenceNumber) : 0;
        StreamCatalog.Stream stream = streams.require(arn);
        int shard = stream.shardOf(shardId);
        if (shard < 0) {
            throw ApiError.resourceNotFound("Requested resource not found: Shard does not exist");
        }
        long after = switch (type) {
            case "TRIM_HORIZON" -> 0;
            case "LATEST" -> itemService.logPosition(shard).lastSequence();
            case "AT_SEQUENCE_NUMBER" -> Math.max(sequence - 1, 0);
            default -> sequence;
        };
        ObjectNode response = Json.object();
        response.put("ShardIterator", ShardIterators.encode(new ShardIterators.Position(arn, shardId, after),
                System.currentTimeMillis()));
        return CompletableFuture.completedFuture(response);
    }

    private static long sequence(String sequenceNumber) {
        try {
            long sequence = Long.parseLong(sequenceNumber);
            if (sequence < 0 || !sequenceNumber.chars().allMatch(Character::isDigit)) {
                throw new NumberFormatException();
            }
            return sequence;
        } catch (NumberFormatException e) {
            throw ApiError.validation("Invalid SequenceNumber: " + sequenceNumber);
        }
    }
}
