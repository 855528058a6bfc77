package io.dynamis.backup.archive;

import io.dynamis.backup.client.ItemServiceClient;
import io.dynamis.backup.config.BackupServiceConfig;
import io.dynamis.core.change.ChangeRecord;
import io.dynamis.core.error.ApiError;
import io.dynamis.core.json.AttributeValueCodec;
import io.dynamis.core.storage.StoreFile;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * A table's state at a past time, rebuilt from the archive: its copy (the state at the copy's time)
 * with every archived record of the table up to that time applied in log order. Records carry whole
 * images, so applying one is setting (or removing) its item.
 *
 * <p>Which times can be rebuilt: from the copy's time on, up to the latest restorable time. That one
 * comes from the log position of every item-service shard (each numbers its own log): when the archive
 * holds a shard's log through the position's last sequence, every later change of that shard will carry
 * a commit time at or after the position's, so its part of the state just before it is known; otherwise
 * its part is known just before the commit time of its watermark. The table's state is known up to the
 * earliest of these times.
 */
@ApplicationScoped
public class TableStates {

    private final ArchiveStore store;
    private final Archiver archiver;
    private final ItemServiceClient itemService;
    private final BackupServiceConfig config;

    public TableStates(ArchiveStore store, Archiver archiver, ItemServiceClient itemService, BackupServiceConfig config) {
        this.store = store;
        this.archiver = archiver;
        this.itemService = itemService;
        this.config = config;
    }

    /**
     * The latest time whose state the archive can rebuild now (epoch milliseconds): the earliest over
     * item-service's shards of the time each shard's archived log is complete to (a table spreads over
     * every shard, so its state at a time needs every shard's records up to it).
     */
    public long latestRestorableMillis() {
        long latest = Long.MAX_VALUE;
        for (ItemServiceClient.LogPosition position : itemService.logPositions()) {
            latest = Math.min(latest, completeThrough(position));
        }
        return latest;
    }

    /**
     * The time up to which one shard's changes are all archived: just before the position's time when the
     * watermark has reached the position's last sequence (every later change of the shard will carry a
     * commit time at or after it), else just before the commit time of the last record below the
     * watermark (0 when nothing of the shard is archived yet).
     */
    private long completeThrough(ItemServiceClient.LogPosition position) {
        LogWatermark.Mark mark = archiver.watermark().mark(position.shard());
        if (caughtUp(position, mark)) {
            return position.commitTimeMillis() - 1;
        }
        return mark == null ? 0 : mark.throughTimeMillis() - 1;
    }

    private static boolean caughtUp(ItemServiceClient.LogPosition position, LogWatermark.Mark mark) {
        return position.lastSequence() == 0 || mark != null && mark.through() >= position.lastSequence();
    }

    /**
     * Waits (up to the catch-up timeout) until the archive holds every change each item-service shard has
     * logged now; returns the time whose state is then known (the earliest of the shards' positions), or
     * ServiceUnavailableException.
     */
    public long awaitCaughtUp() {
        List<ItemServiceClient.LogPosition> positions = itemService.logPositions();
        long deadline = System.nanoTime() + config.catchUpTimeout().toNanos();
        while (true) {
            long known = Long.MAX_VALUE;
            for (ItemServiceClient.LogPosition position : positions) {
                known = caughtUp(position, archiver.watermark().mark(position.shard()))
                        ? Math.min(known, position.commitTimeMillis() - 1) : Long.MIN_VALUE;
            }
            if (known != Long.MIN_VALUE) {
                return known;
            }
            if (System.nanoTime() > deadline) {
                throw ApiError.serviceUnavailable("the change-log archive is behind item-service; try again");
            }
            sleep();
        }
    }

    /** Hands each item of the table's state at {@code atMillis} (DynamoDB JSON bytes) to {@code sink}. */
    public void forEachItem(ArchivedTable table, long atMillis, Consumer<byte[]> sink) {
        forEachItem(table, atMillis, null, sink);
    }

    /**
     * Hands each item of the table's state at {@code atMillis} (DynamoDB JSON bytes) to {@code sink}, in key
     * order, after telling {@code total} (when not null) how many there are. The window's records are read
     * once, into an {@link Overlay} of each item's latest change over the start (the copy or a snapshot).
     */
    public void forEachItem(ArchivedTable table, long atMillis, LongConsumer total, Consumer<byte[]> sink) {
        store.copyLock().readLock().lock();
        // the restore reads the copy (or snapshot) for minutes while the archive's checkpoints go on: its version
        // is pinned, so that no chunk it still has to read is rewritten and reused meanwhile
        try (StoreFile.Pin pin = store.db().pinVersion()) {
            ArchivedTable current = store.table(table.tableId());
            if (atMillis < current.earliestStateMillis()) {
                throw ApiError.invalidRestoreTime("The archive no longer holds that time");
            }
            try (Overlay overlay = new Overlay()) {
                Snapshot start = startingSnapshot(current, atMillis);
                long after = start == null ? Long.MIN_VALUE : start.timeMillis();
                for (Map.Entry<byte[], byte[]> entry : store.records(current)) {
                    if (ArchiveStore.sequenceOf(entry.getKey()) <= current.baseSequence(ArchiveStore.shardOf(entry.getKey()))) {
                        continue;
                    }
                    ChangeRecord record = ArchiveStore.decode(entry.getValue());
                    if (record.commitTimeMillis() > atMillis || record.commitTimeMillis() <= after) {
                        continue;
                    }
                    overlay.put(ArchiveStore.itemKey(current.archiveId(), record.keys()),
                            record.newImage() == null ? null : AttributeValueCodec.itemBytes(record.newImage(), 0));
                }
                var base = start == null ? store.copy(current) : store.snapshotItems(start.id());
                if (total != null) {
                    total.accept(overlay.count(base));
                }
                overlay.forEachItem(base, sink);
            }
        } finally {
            store.copyLock().readLock().unlock();
        }
    }

    /**
     * The latest snapshot at or before {@code atMillis} that is not older than the table's copy, or null
     * (the copy is the start then). The state is the start plus the records after its time.
     */
    private Snapshot startingSnapshot(ArchivedTable table, long atMillis) {
        Snapshot found = null;
        for (Snapshot snapshot : store.snapshots(table.tableId())) {
            if (snapshot.timeMillis() <= atMillis && snapshot.timeMillis() >= table.earliestStateMillis()) {
                found = snapshot;
            }
        }
        return found;
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiError.serviceUnavailable("interrupted");
        }
    }
}
