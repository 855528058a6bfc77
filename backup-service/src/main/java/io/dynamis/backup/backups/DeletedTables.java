package io.dynamis.backup.backups;

import io.dynamis.backup.archive.ArchiveStore;
import io.dynamis.backup.archive.ArchivedTable;
import io.dynamis.backup.archive.PeriodicTask;
import io.dynamis.backup.client.ItemServiceClient;
import io.dynamis.backup.config.BackupServiceConfig;
import io.dynamis.core.roles.Plays;
import io.dynamis.core.roles.Role;
import io.dynamis.core.roles.RoleEvents.RoleStart;
import io.dynamis.core.roles.RoleEvents.RoleStop;
import io.dynamis.core.table.TableDefinition;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.HashSet;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Watches the catalog for archived tables that are gone. A deleted table with point-in-time recovery
 * enabled gets a SYSTEM backup of its last state first (its every change is in the archive: they were
 * all committed before the deletion), as DynamoDB keeps one; then the table is marked deleted and the
 * retention pass drops its records. Every table's definition is refreshed on the way, so a backup of a
 * deleted table has its indexes as they last were and the retention pass knows the table's streams.
 */
@ApplicationScoped
public class DeletedTables {

    private static final Logger LOG = Logger.getLogger(DeletedTables.class);

    private final ArchiveStore store;
    private final ItemServiceClient itemService;
    private final BackupCatalog backups;
    private final BackupServiceConfig config;
    private PeriodicTask timer;

    public DeletedTables(ArchiveStore store, ItemServiceClient itemService, BackupCatalog backups,
            BackupServiceConfig config) {
        this.store = store;
        this.itemService = itemService;
        this.backups = backups;
        this.config = config;
    }

    void start(@Observes @Plays(Role.BACKUP) RoleStart event) {
        if (!config.archiveEnabled()) {
            return;
        }
        timer = PeriodicTask.start("deleted-tables", config.deletedTableCheckInterval(), this::check);
    }

    void stop(@Observes @Plays(Role.BACKUP) RoleStop event) {
        if (timer != null) {
            timer.close();
        }
    }

    private void check() {
        Set<String> names = new HashSet<>(itemService.tableNames());
        for (ArchivedTable table : store.tables()) {
            if (table.deletedMillis() > 0) {
                continue;
            }
            TableDefinition current = names.contains(table.name()) ? itemService.table(table.name()) : null;
            if (current != null && current.tableId().equals(table.tableId())) {
                if (!current.equals(table.definition())) { // its stream settings and last state are read from it
                    synchronized (store.lock()) {
                        store.putTable(store.table(table.tableId()).withDefinition(current));
                        store.db().checkpoint();
                    }
                }
                continue;
            }
            if (table.pitrEnabled() && table.definition() != null) {
                backups.create(table, table.definition(), table.name() + "$DeletedTableBackup", "SYSTEM");
                LOG.infof("Table %s was deleted; its last state is kept as a backup", table.name());
            }
            synchronized (store.lock()) {
                store.putTable(store.table(table.tableId()).deleted(System.currentTimeMillis()));
                store.db().checkpoint();
            }
        }
    }
}
