package io.dynamis.backup.archive;

import io.dynamis.backup.config.BackupServiceConfig;
import io.dynamis.core.change.ChangeRecord;
import io.dynamis.core.roles.Plays;
import io.dynamis.core.roles.Role;
import io.dynamis.core.roles.RoleEvents.RoleStart;
import io.dynamis.core.roles.RoleEvents.RoleStop;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Retention: the records that leave a table's window are folded into the table's copy, oldest first,
 * and deleted. The window is the recovery period (35 days by default) for a table with point-in-time
 * recovery, the stream retention (24 hours) for a table with a stream (enabled, or disabled within that
 * time), and a minute for other tables.
 * A deleted table's records and copy are dropped (its last state, if it was protected, is a backup).
 *
 * <p>The cut is never later than the watermark's commit time, so every record up to it is archived and
 * the copy is exactly the state at the cut. A pass first records the cut it folds to, so a crash half
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
    private final Archiver archiver;
    private final BackupServiceConfig config;
    private PeriodicTask timer;

    public RetentionPass(ArchiveStore store, Archiver archiver, BackupServiceConfig config) {
        this.store = store;
        this.archiver = archiver;
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
        for (ArchivedTable table : store.tables()) {
            if (table.deletedMillis() > 0) {
                drop(table);
                dropSnapshots(table, true);
                continue;
            }
            LogWatermark.Mark mark = archiver.watermark().mark(0);
            if (mark == null) {
                return;
            }
            long window = table.pitrEnabled() ? Math.min(config.pointInTimeRecoveryDays(), table.recoveryDays()) * 86_400_000L
                    : table.hasReadableStream(nowMillis, config.streamRetention().toMillis())
                            ? config.streamRetention().toMillis() : 0;
            long cut = Math.min(nowMillis - Math.max(window, GRACE_MILLIS), mark.throughTimeMillis() - 1);
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
                store.putTable(current.withBase(current.baseSequence(), current.baseTimeMillis(), cut));
                store.db().checkpoint();
            }
            long base = current.baseSequence();
            boolean more = true;
            while (more) {
                List<Map.Entry<byte[], byte[]>> chunk = new ArrayList<>(CHUNK);
                for (Map.Entry<byte[], byte[]> entry : store.records(current)) {
                    if (chunk.size() == CHUNK) {
                        break;
                    }
                    chunk.add(entry);
                }
                more = chunk.size() == CHUNK;
                synchronized (store.lock()) {
                    for (Map.Entry<byte[], byte[]> entry : chunk) {
                        ChangeRecord record = ArchiveStore.decode(entry.getValue());
                        if (record.commitTimeMillis() > cut) {
                            more = false;
                            break;
                        }
                        if (record.sequence() > base) {
                            store.foldIntoCopy(current, record);
                            base = record.sequence();
                        }
                        store.removeRecord(entry.getKey());
                    }
                    ArchivedTable latest = store.table(table.tableId());
                    store.putTable(latest.withBase(base, more ? latest.baseTimeMillis() : cut, more ? cut : 0));
                    store.db().checkpoint();
                }
            }
        } finally {
            store.copyLock().writeLock().unlock();
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
