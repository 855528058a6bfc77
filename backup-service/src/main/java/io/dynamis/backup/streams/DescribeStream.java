package io.dynamis.backup.streams;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.backup.client.TableShapes;
import io.dynamis.core.change.ChangeRecord;
import io.dynamis.core.json.Json;
import io.dynamis.core.protocol.Operation;
import io.dynamis.core.protocol.RequestReader;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * DescribeStream: the stream, its table's key schema and a page of its shards ({@link ShardPage}:
 * {@code Limit} 1 to 100, {@code ExclusiveStartShardId}, {@code LastEvaluatedShardId}). {@code ShardFilter}
 * {@code CHILD_SHARDS} keeps the shards whose parent is its {@code ShardId}: a Dynamis shard is never split,
 * so it has none. The stream has one shard per item-service shard. A disabled stream is DISABLING until
 * the archive holds all its records, then DISABLED, every shard closed with an EndingSequenceNumber.
 */
@ApplicationScoped
public class DescribeStream implements Operation {

    private final StreamCatalog streams;
    private final StreamShards shards;

    public DescribeStream(StreamCatalog streams, StreamShards shards) {
        this.streams = streams;
        this.shards = shards;
    }

    @Override
    public String name() {
        return "DescribeStream";
    }

    @Override
    public CompletionStage<ObjectNode> execute(ObjectNode json) {
        RequestReader request = new RequestReader(json);
        String arn = MemberLengths.string(request, "StreamArn", "streamArn", MemberLengths.STREAM_ARN);
        request.requirePresent("StreamArn", "streamArn");
        Long limit = request.integerInRange("Limit", "limit", 1, ShardPage.MAX_LIMIT);
        String exclusiveStart = MemberLengths.string(request, "ExclusiveStartShardId", "exclusiveStartShardId",
                MemberLengths.SHARD_ID);
        ObjectNode filter = request.object("ShardFilter");
        String parentShardId = null;
        if (filter != null) {
            RequestReader f = new RequestReader(filter);
            f.enumValue("Type", "shardFilter.type", "CHILD_SHARDS");
            parentShardId = MemberLengths.string(f, "ShardId", "shardFilter.shardId", MemberLengths.SHARD_ID);
            f.violations().forEach(request::violation);
        }
        request.validate();
        StreamCatalog.Stream stream = streams.require(arn);

        boolean complete = shards.complete(stream);
        ObjectNode response = Json.object();
        ObjectNode d = response.putObject("StreamDescription");
        d.put("StreamArn", stream.arn());
        d.put("StreamLabel", stream.label());
        d.put("StreamStatus", stream.enabled() ? "ENABLED" : complete ? "DISABLED" : "DISABLING");
        d.put("StreamViewType", stream.viewType());
        d.put("CreationRequestDateTime", BigDecimal.valueOf(stream.startMillis(), 3));
        d.put("TableName", stream.table().name());
        TableShapes.keySchema(stream.table().keySchema(), d.putArray("KeySchema"));

        List<String> ids = new ArrayList<>();
        if (filter == null || parentShardId == null) {
            ids.addAll(stream.shardIds()); // no shard has a parent: a CHILD_SHARDS filter keeps none
        }
        ShardPage page = ShardPage.of(ids, exclusiveStart, limit == null ? ShardPage.MAX_LIMIT : limit.intValue());
        ArrayNode list = d.putArray("Shards");
        for (String id : page.shardIds()) {
            int shard = stream.shardOf(id);
            ObjectNode range = list.addObject().put("ShardId", id).putObject("SequenceNumberRange");
            range.put("StartingSequenceNumber", ChangeRecord.sequenceNumber(shards.startingSequence(stream, shard)));
            if (complete) {
                range.put("EndingSequenceNumber", ChangeRecord.sequenceNumber(shards.endingSequence(stream, shard)));
            }
        }
        if (page.lastEvaluatedShardId() != null) {
            d.put("LastEvaluatedShardId", page.lastEvaluatedShardId());
        }
        return CompletableFuture.completedFuture(response);
    }
}
