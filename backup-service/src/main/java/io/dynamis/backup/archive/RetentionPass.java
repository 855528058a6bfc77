package io.dynamis.backup.archive;

import io.dynamis.backup.config.BackupServiceConfig;
import io.dynamis.core.change.ChangeRecord;
import io.dynamis.core.roles.Plays;
import io.dynamis.core.roles.Role;
import io.dynamis.core.roles.RoleEvents.RoleStart;
import io.dynamis.core.roles.RoleEvents.RoleStop;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import io.dynamis.backup.client.ItemServiceClient;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Retention: the records that leave a table's window are folded into the table's copy, oldest first,
 * and deleted. The window is the recovery period (35 days by default) for a table with point-in-time
 * recovery, the stream retention (24 hours) for a table with a stream (enabled, or disabled within that
 * time), and a minute for other tables.
 * A deleted table's records and copy are dropped (its last state, if it was protected, is a backup).
 *
 * <p>The cut is never later than the latest restorable time ({@link TableStates}, the earliest over
 * item-service's shards of what each has archived without a gap), so every record of every shard up to it
 * is archived and the copy is exactly the state at the cut. Each shard's records are folded in its own log
 * order, and the copy remembers the last folded sequence of each shard. A pass first records the cut it folds to, so a crash half
 * way leaves a copy whose time is known to be at least the cut.
 */
@ApplicationScoped
public class RetentionPass {

    private static final int CHUNK = 5000;

    /**
     * Records are kept at least this long whatever the window, so that a stream enabled since the table's
     * definition was last read (it is read again every few seconds, by DeletedTables) loses none of them.
     */
    private static final long GRACE_MILLIS = 60_000;

    private final ArchiveStore store;
    private final TableStates states;
    private final ItemServiceClient itemService;
    private final BackupServiceConfig config;
    private PeriodicTask timer;

    public RetentionPass(ArchiveStore store, TableStates states, ItemServiceClient itemService, BackupServiceConfig config) {
        this.store = store;
        this.states = states;
        this.itemService = itemService;
        this.config = config;
    }

    void start(@Observes @Plays(Role.BACKUP) RoleStart event) {
        if (!config.archiveEnabled()) {
            return;
        }
        timer = PeriodicTask.start("archive-retention", config.retentionInterval(),
                () -> run(System.currentTimeMillis()));
    }

    void stop(@Observes @Plays(Role.BACKUP) RoleStop event) {
        if (timer != null) {
            timer.close();
        }
    }

    /** One pass over every table. */
    public void run(long nowMillis) {
        long complete = -1; // asked of item-service's shards once per pass, when a live table needs it
        for (ArchivedTable table : store.tables()) {
            if (table.deletedMillis() > 0) {
                drop(table);
                dropSnapshots(table, true);
                continue;
            }
            complete = complete < 0 ? states.latestRestorableMillis() : complete;
            long window = table.pitrEnabled() ? Math.min(config.pointInTimeRecoveryDays(), table.recoveryDays()) * 86_400_000L
                    : table.hasReadableStream(nowMillis, config.streamRetention().toMillis())
                            ? config.streamRetention().toMillis() : 0;
            long cut = Math.min(nowMillis - Math.max(window, GRACE_MILLIS), complete);
            if (cut > table.earliestStateMillis()) {
                fold(table, cut);
                dropSnapshots(store.table(table.tableId()), false);
            }
        }
    }

    private void fold(ArchivedTable table, long cut) {
        store.copyLock().writeLock().lock();
        try {
            ArchivedTable current = store.table(table.tableId());
            synchronized (store.lock()) {
                store.putTable(current.withBase(current.baseSequences(), current.baseTimeMillis(), cut));
                store.db().checkpoint();
            }
            Map<Integer, Long> bases = new HashMap<>(current.baseSequences());
            for (int shard = 0; shard < itemService.shardCount(); shard++) {
                foldShard(current, shard, cut, bases);
            }
            synchronized (store.lock()) {
                store.putTable(store.table(table.tableId()).withBase(bases, cut, 0));
                store.db().checkpoint();
            }
        } finally {
            store.copyLock().writeLock().unlock();
        }
    }

    /**
     * Folds one shard's records committed up to {@code cut} into the copy, in that shard's log order (its
     * commit times never go back), chunk by chunk, each chunk committed with the shard's new base.
     */
    private void foldShard(ArchivedTable table, int shard, long cut, Map<Integer, Long> bases) {
        boolean more = true;
        while (more) {
            List<Map.Entry<byte[], byte[]>> chunk = new ArrayList<>(CHUNK);
            for (Map.Entry<byte[], byte[]> entry : store.records(table, shard, 0, true)) {
                if (chunk.size() == CHUNK) {
                    break;
                }
                chunk.add(entry);
            }
            more = chunk.size() == CHUNK;
            synchronized (store.lock()) {
                long base = bases.getOrDefault(shard, 0L);
                for (Map.Entry<byte[], byte[]> entry : chunk) {
                    ChangeRecord record = ArchiveStore.decode(entry.getValue());
                    if (record.commitTimeMillis() > cut) {
                        more = false;
                        break;
                    }
                    if (record.sequence() > base) {
                        store.foldIntoCopy(table, record);
                        base = record.sequence();
                    }
                    store.removeRecord(entry.getKey());
                }
                bases.put(shard, base);
                ArchivedTable latest = store.table(table.tableId());
                store.putTable(latest.withBase(bases, latest.baseTimeMillis(), cut));
                store.db().checkpoint();
            }
        }
    }

    /** Drops the snapshots older than the table's copy (all of them for a deleted table). */
    private void dropSnapshots(ArchivedTable table, boolean all) {
        List<Snapshot> kept = new ArrayList<>();
        for (Snapshot snapshot : store.snapshots(table.tableId())) {
            if (!all && snapshot.timeMillis() >= table.earliestStateMillis()) {
                kept.add(snapshot);
            } else {
                synchronized (store.lock()) {
                    store.removeSnapshotItems(snapshot.id());
                    store.db().checkpoint();
                }
            }
        }
        synchronized (store.lock()) {
            store.putSnapshots(table.tableId(), kept);
            store.db().checkpoint();
        }
    }

    private void drop(ArchivedTable table) {
        store.copyLock().writeLock().lock();
        try {
            synchronized (store.lock()) {
                store.recordKeys(table).forEach(store::removeRecord);
                store.removeCopy(table);
                store.db().checkpoint();
            }
        } finally {
            store.copyLock().writeLock().unlock();
        }
    }
}
