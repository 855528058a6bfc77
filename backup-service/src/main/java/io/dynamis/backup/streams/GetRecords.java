package io.dynamis.backup.streams;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.backup.archive.ArchiveStore;
import io.dynamis.backup.archive.ArchivedTable;
import io.dynamis.backup.archive.Archiver;
import io.dynamis.backup.archive.LogWatermark;
import io.dynamis.backup.config.BackupServiceConfig;
import io.dynamis.core.change.ChangeRecord;
import io.dynamis.core.change.ChangeRecordCodec;
import io.dynamis.core.error.ApiError;
import io.dynamis.core.json.AttributeValueCodec;
import io.dynamis.core.json.Json;
import io.dynamis.core.protocol.Operation;
import io.dynamis.core.protocol.RequestReader;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * GetRecords: the shard's records after the iterator's position, oldest first, at most Limit (1000 by
 * default), each trimmed to the stream's view type. Records are served only up to the archive's
 * watermark, below which nothing is missing, so a reader never skips a change and sees each item's
 * changes in the order they were made.
 */
@ApplicationScoped
public class GetRecords implements Operation {

    private final StreamCatalog streams;
    private final ArchiveStore store;
    private final Archiver archiver;
    private final String region;

    public GetRecords(StreamCatalog streams, ArchiveStore store, Archiver archiver, BackupServiceConfig config) {
        this.streams = streams;
        this.store = store;
        this.archiver = archiver;
        this.region = config.region();
    }

    @Override
    public String name() {
        return "GetRecords";
    }

    @Override
    public CompletionStage<ObjectNode> execute(ObjectNode json) {
        RequestReader request = new RequestReader(json);
        String iterator = request.string("ShardIterator");
        request.requirePresent("ShardIterator", "shardIterator");
        Long limit = request.integerInRange("Limit", "limit", 1, 1000);
        request.validate();
        ShardIterators.Position position = ShardIterators.decode(iterator);
        StreamCatalog.Stream stream = streams.require(position.streamArn());
        if (!stream.shardId().equals(position.shardId())) {
            throw ApiError.resourceNotFound("Requested resource not found: Shard does not exist");
        }
        int max = limit == null ? 1000 : limit.intValue();
        ObjectNode response = Json.object();
        ArrayNode records = response.putArray("Records");
        long after = position.afterSequence();
        LogWatermark.Mark mark = archiver.watermark().mark(0);
        ArchivedTable table = stream.archived();
        if (mark != null && table != null) {
            long next = Math.max(after, 0);
            for (Map.Entry<byte[], byte[]> entry : store.records(table, 0, after).entrySet()) {
                long sequence = ArchiveStore.sequenceOf(entry.getKey());
                if (sequence > mark.through() || records.size() == max) {
                    break;
                }
                next = sequence;
                ChangeRecord record = ArchiveStore.decode(entry.getValue());
                if (record.commitTimeMillis() >= stream.startMillis()) {
                    records.add(streamRecord(record, stream.viewType()));
                }
            }
            after = records.size() == max ? next : Math.max(after, Math.max(next, mark.through()));
        }
        response.put("NextShardIterator", ShardIterators.encode(
                new ShardIterators.Position(position.streamArn(), position.shardId(), after)));
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
