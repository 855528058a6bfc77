package io.dynamis.backup.streams;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.change.ChangeRecord;
import io.dynamis.core.json.Json;
import io.dynamis.core.protocol.Operation;
import io.dynamis.core.protocol.RequestReader;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** DescribeStream: the stream, its table's key schema and its one shard. */
@ApplicationScoped
public class DescribeStream implements Operation {

    private final StreamCatalog streams;

    public DescribeStream(StreamCatalog streams) {
        this.streams = streams;
    }

    @Override
    public String name() {
        return "DescribeStream";
    }

    @Override
    public CompletionStage<ObjectNode> execute(ObjectNode json) {
        RequestReader request = new RequestReader(json);
        String arn = request.string("StreamArn");
        request.requirePresent("StreamArn", "streamArn");
        request.validate();
        StreamCatalog.Stream stream = streams.require(arn);
        ObjectNode response = Json.object();
        ObjectNode d = response.putObject("StreamDescription");
        d.put("StreamArn", stream.arn());
        d.put("StreamLabel", stream.label());
        d.put("StreamStatus", stream.enabled() ? "ENABLED" : "DISABLED");
        d.put("StreamViewType", stream.viewType());
        d.put("CreationRequestDateTime", BigDecimal.valueOf(stream.startMillis(), 3));
        d.put("TableName", stream.table().name());
        io.dynamis.backup.client.TableShapes.keySchema(stream.table().keySchema(), d.putArray("KeySchema"));
        long first = stream.archived() == null ? 1 : stream.archived().baseSequence() + 1;
        d.putArray("Shards").addObject().put("ShardId", stream.shardId())
                .putObject("SequenceNumberRange").put("StartingSequenceNumber", ChangeRecord.sequenceNumber(first));
        return CompletableFuture.completedFuture(response);
    }
}
