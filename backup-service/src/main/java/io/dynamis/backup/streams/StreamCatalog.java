package io.dynamis.backup.streams;

import io.dynamis.backup.archive.ArchiveStore;
import io.dynamis.backup.archive.ArchivedTable;
import io.dynamis.backup.client.ItemServiceClient;
import io.dynamis.backup.config.BackupServiceConfig;
import io.dynamis.core.error.ApiError;
import io.dynamis.core.table.StreamHistory;
import io.dynamis.core.table.TableDefinition;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * The streams: one per table and stream label (the time the stream was enabled), named
 * {@code arn:aws:dynamodb:<region>:<account>:table/<name>/stream/<label>}, as the table's catalog entry
 * records them ({@link StreamHistory}). Each has one shard per item-service shard, whose records are the
 * table's archived change records of that item-service shard committed while the stream was enabled, in
 * that shard's log order. A disabled stream stays
 * readable, its shard closed, for {@code dynamis.backup.stream-retention} (24 hours) after it was disabled;
 * then it is gone, as in DynamoDB.
 */
@ApplicationScoped
public class StreamCatalog {

    /**
     * A stream, resolved: its ARN, its place in the table's history, the table, its archive entry (or null)
     * and the number of its shards (one per item-service shard).
     */
    public record Stream(String arn, StreamHistory.Stream period, TableDefinition table, ArchivedTable archived,
            int shardCount) {

        public String label() {
            return period.label();
        }

        public long startMillis() {
            return period.enabledMillis();
        }

        public boolean enabled() {
            return period.enabled();
        }

        public String viewType() {
            return period.viewType();
        }

        /**
         * The id of the stream shard serving item-service shard {@code shard}'s changes: the stream's label
         * time (so every stream has shards of its own) and the item-service shard, fixed-width, so ids sort
         * in shard order and stay the same for as long as the stream lives.
         */
        public String shardId(int shard) {
            return String.format("shardId-%020d-%08x", period.enabledMillis(), shard);
        }

        /** The ids of every shard of the stream, in id (and item-service shard) order. */
        public List<String> shardIds() {
            List<String> ids = new ArrayList<>(shardCount);
            for (int shard = 0; shard < shardCount; shard++) {
                ids.add(shardId(shard));
            }
            return ids;
        }

        /** The item-service shard whose changes the stream shard {@code shardId} serves, or -1 when it has none of that id. */
        public int shardOf(String shardId) {
            return shardIds().indexOf(shardId);
        }
    }

    private final ItemServiceClient itemService;
    private final ArchiveStore store;
    private final String tableArnPrefix;
    private final long retentionMillis;

    public StreamCatalog(ItemServiceClient itemService, ArchiveStore store, BackupServiceConfig config) {
        this.itemService = itemService;
        this.store = store;
        this.tableArnPrefix = "arn:aws:dynamodb:" + config.region() + ":" + config.accountId() + ":table/";
        this.retentionMillis = config.streamRetention().toMillis();
    }

    /** The table's streams that are still readable (the enabled one and those disabled recently), oldest first. */
    public List<Stream> streamsOf(TableDefinition table) {
        List<Stream> streams = new ArrayList<>();
        ArchivedTable archived = null;
        long now = System.currentTimeMillis();
        for (StreamHistory.Stream period : StreamHistory.of(table.extra())) {
            if (period.enabled() || period.disabledMillis() >= now - retentionMillis) {
                archived = archived == null ? remembered(table) : archived;
                streams.add(new Stream(StreamArns.of(tableArnPrefix, table.name(), period.label()), period, table,
                        archived, itemService.shardCount()));
            }
        }
        return streams;
    }

    /**
     * The archive's entry of a live table whose stream is read, holding the table's current definition (its
     * stream history), so that the stream stays readable once the table is deleted: in the services
     * topology the archive may meet the table's first change records only after the deletion, when
     * item-service no longer has the definition to give.
     */
    private ArchivedTable remembered(TableDefinition table) {
        ArchivedTable archived = store.table(table.tableId());
        if (archived != null && table.equals(archived.definition())) {
            return archived;
        }
        synchronized (store.lock()) {
            archived = store.table(table.tableId());
            if (archived == null) {
                archived = store.newTable(table.tableId(), table.name(), table);
            } else if (!table.equals(archived.definition())) {
                archived = archived.withDefinition(table);
                store.putTable(archived);
            }
            store.db().checkpoint();
            return archived;
        }
    }

    /**
     * The stream an ARN names: ValidationException ({@code Invalid StreamArn}) when the text is not a stream
     * ARN, ResourceNotFoundException when no readable stream has it.
     */
    public Stream require(String arn) {
        StreamArns.Parts parts = StreamArns.parse(arn);
        if (parts.tableArnPrefix().equals(tableArnPrefix)) {
            TableDefinition table = itemService.table(parts.tableName());
            List<Stream> candidates = new ArrayList<>(table == null ? List.of() : streamsOf(table));
            candidates.addAll(streamsOfDeletedTables(parts.tableName(), table == null ? null : table.tableId()));
            for (Stream stream : candidates) {
                if (stream.label().equals(parts.label())) {
                    return stream;
                }
            }
        }
        throw notFound(arn);
    }

    /**
     * The still readable streams of the deleted tables of that name (every archived table of the name but
     * the live one, {@code liveTableId}): DynamoDB closes a table's stream when the table is deleted and
     * keeps it readable, DISABLED, for 24 hours.
     */
    public List<Stream> streamsOfDeletedTables(String name, String liveTableId) {
        return streamsOfDeletedTables(archived -> archived.name().equals(name) && !archived.tableId().equals(liveTableId));
    }

    /** The still readable streams of every archived table that is not among {@code liveTableIds} (ListStreams). */
    public List<Stream> streamsOfDeletedTables(java.util.Set<String> liveTableIds) {
        return streamsOfDeletedTables(archived -> !liveTableIds.contains(archived.tableId()));
    }

    private List<Stream> streamsOfDeletedTables(java.util.function.Predicate<ArchivedTable> deleted) {
        List<Stream> streams = new ArrayList<>();
        long now = System.currentTimeMillis();
        for (ArchivedTable archived : store.tables()) {
            if (!deleted.test(archived)) {
                continue;
            }
            for (StreamHistory.Stream period : archived.streams(now, true)) {
                if (period.disabledMillis() >= now - retentionMillis) {
                    streams.add(new Stream(StreamArns.of(tableArnPrefix, archived.name(), period.label()), period,
                            archived.definition(), archived, itemService.shardCount()));
                }
            }
        }
        return streams;
    }

    /** Checks that {@code arn} has a stream ARN's shape (ValidationException otherwise). */
    public static void checkShape(String arn) {
        StreamArns.parse(arn);
    }

    static ApiError notFound(String arn) {
        return ApiError.resourceNotFound("Requested resource not found: Stream: " + arn + " not found");
    }
}
