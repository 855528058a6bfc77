package io.dynamis.backup.streams;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.backup.config.BackupServiceConfig;
import io.dynamis.core.change.ChangeRecord;
import io.dynamis.core.change.ChangeRecordCodec;
import io.dynamis.core.error.ApiError;
import io.dynamis.core.json.AttributeValueCodec;
import io.dynamis.core.json.Json;
import io.dynamis.core.protocol.Operation;
import io.dynamis.core.protocol.RequestReader;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * GetRecords: the shard's records after the iterator's position, oldest first, at most Limit (1000 by
 * default), each trimmed to the stream's view type ({@link StreamShards} decides which records those are).
 * The answer carries a fresh NextShardIterator, except once a closed shard (its stream disabled) has
 * served its last record: then there is none, as in DynamoDB.
 */
@ApplicationScoped
public class GetRecords implements Operation {

    private final StreamCatalog streams;
    private final StreamShards shards;
    private final String region;

    public GetRecords(StreamCatalog streams, StreamShards shards, BackupServiceConfig config) {
        this.streams = streams;
        this.shards = shards;
        this.region = config.region();
    }

    @Override
    public String name() {
        return "GetRecords";
    }

    @Override
    public CompletionStage<ObjectNode> execute(ObjectNode json) {
        RequestReader request = new RequestReader(json);
        String iterator = MemberLengths.string(request, "ShardIterator", "shardIterator", MemberLengths.SHARD_ITERATOR);
        request.requirePresent("ShardIterator", "shardIterator");
        Long limit = request.integerInRange("Limit", "limit", 1, 1000);
        request.validate();
        long now = System.currentTimeMillis();
        ShardIterators.Position position = ShardIterators.fresh(ShardIterators.decode(iterator), now);
        StreamCatalog.Stream stream = streams.require(position.streamArn());
        int shard = stream.shardOf(position.shardId());
        if (shard < 0) {
            throw ApiError.resourceNotFound("Requested resource not found: Shard does not exist");
        }
        StreamShards.Read read = shards.read(stream, shard, position.afterSequence(), limit == null ? 1000 : limit.intValue());
        ObjectNode response = Json.object();
        ArrayNode records = response.putArray("Records");
        read.records().forEach(record -> records.add(streamRecord(record, stream.viewType())));
        if (!read.ended()) {
            response.put("NextShardIterator", ShardIterators.encode(
                    new ShardIterators.Position(position.streamArn(), position.shardId(), read.after()), now));
        }
        return CompletableFuture.completedFuture(response);
    }

    /** A change record as DynamoDB Streams serves it, with the images the view type asks for. */
    private ObjectNode streamRecord(ChangeRecord record, String viewType) {
        ObjectNode r = Json.object();
        r.put("eventID", record.eventId());
        r.put("eventName", record.eventName().name());
        r.put("eventVersion", "1.1");
        r.put("eventSource", "aws:dynamodb");
        r.put("awsRegion", region);
        ObjectNode d = r.putObject("dynamodb");
        d.put("ApproximateCreationDateTime", record.commitTimeMillis() / 1000);
        d.set("Keys", AttributeValueCodec.encodeItem(record.keys()));
        if (record.newImage() != null && (viewType.equals("NEW_IMAGE") || viewType.equals("NEW_AND_OLD_IMAGES"))) {
            d.set("NewImage", AttributeValueCodec.encodeItem(record.newImage()));
        }
        if (record.oldImage() != null && (viewType.equals("OLD_IMAGE") || viewType.equals("NEW_AND_OLD_IMAGES"))) {
            d.set("OldImage", AttributeValueCodec.encodeItem(record.oldImage()));
        }
        d.put("SequenceNumber", record.sequenceNumber());
        d.put("SizeBytes", record.sizeBytes());
        d.put("StreamViewType", viewType);
        if (record.origin() == ChangeRecord.Origin.TIME_TO_LIVE) {
            r.putObject("userIdentity").put("Type", "Service").put("PrincipalId", ChangeRecordCodec.SERVICE_PRINCIPAL);
        }
        return r;
    }
}
