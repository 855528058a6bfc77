package io.dynamis.backup.archive;

import io.dynamis.core.json.StoredItemDecoder;
import io.dynamis.backup.config.BackupServiceConfig;
import io.dynamis.core.model.AttributeValue;
import io.dynamis.core.roles.Plays;
import io.dynamis.core.roles.Role;
import io.dynamis.core.roles.RoleEvents.RoleStart;
import io.dynamis.core.roles.RoleEvents.RoleStop;
import io.dynamis.core.table.PrimaryKeySchema;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Snapshots: every {@code snapshot-interval}, each table with point-in-time recovery gets a snapshot,
 * its state at a known time (the latest restorable one, so every record up to it is archived), rebuilt
 * from the archive and frozen under a prefix of its own. A restore starts from the latest snapshot at
 * or before its time and replays only the records after it, so it never replays more than one interval
 * of the log. The retention pass drops the snapshots the table's copy has caught up with.
 */
@ApplicationScoped
public class SnapshotWriter {

    private static final Logger LOG = Logger.getLogger(SnapshotWriter.class);
    private static final int COMMIT_EVERY = 10_000;

    private final ArchiveStore store;
    private final TableStates states;
    private final BackupServiceConfig config;
    private PeriodicTask timer;

    public SnapshotWriter(ArchiveStore store, TableStates states, BackupServiceConfig config) {
        this.store = store;
        this.states = states;
        this.config = config;
    }

    void start(@Observes @Plays(Role.BACKUP) RoleStart event) {
        if (!config.archiveEnabled()) {
            return;
        }
        Duration check = config.snapshotInterval().compareTo(Duration.ofSeconds(10)) < 0
                ? config.snapshotInterval() : Duration.ofSeconds(10);
        timer = PeriodicTask.start("snapshots", check, () -> run(System.currentTimeMillis()));
    }

    void stop(@Observes @Plays(Role.BACKUP) RoleStop event) {
        if (timer != null) {
            timer.close();
        }
    }

    /** Takes the snapshots that are due. */
    public void run(long nowMillis) {
        for (ArchivedTable table : store.tables()) {
            if (!table.pitrEnabled() || table.deletedMillis() > 0 || table.definition() == null) {
                continue;
            }
            List<Snapshot> snapshots = store.snapshots(table.tableId());
            long last = snapshots.isEmpty() ? table.pitrSinceMillis() : snapshots.get(snapshots.size() - 1).timeMillis();
            if (nowMillis - last >= config.snapshotInterval().toMillis()) {
                take(table, states.latestRestorableMillis());
            }
        }
    }

    private void take(ArchivedTable table, long atMillis) {
        if (atMillis < table.earliestStateMillis()) {
            return;
        }
        long id = store.allocateId();
        PrimaryKeySchema schema = table.definition().keySchema();
        long[] count = {0};
        states.forEachItem(table, atMillis, item -> {
            Map<String, AttributeValue> image = StoredItemDecoder.decode(item, 0);
            Map<String, AttributeValue> keys = new HashMap<>();
            keys.put(schema.partitionKey().name(), image.get(schema.partitionKey().name()));
            if (schema.hasSortKey()) {
                keys.put(schema.sortKey().name(), image.get(schema.sortKey().name()));
            }
            synchronized (store.lock()) {
                store.putSnapshotItem(id, keys, item);
                if (++count[0] % COMMIT_EVERY == 0) {
                    store.db().checkpoint();
                }
            }
        });
        synchronized (store.lock()) {
            List<Snapshot> snapshots = new ArrayList<>(store.snapshots(table.tableId()));
            snapshots.add(new Snapshot(id, atMillis));
            store.putSnapshots(table.tableId(), snapshots);
            store.db().checkpoint();
        }
        LOG.infof("Snapshot of %s at %d: %d item(s)", table.name(), atMillis, count[0]);
    }
}
