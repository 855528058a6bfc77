package io.dynamis.backup.pitr;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.backup.archive.ArchiveStore;
import io.dynamis.backup.archive.ArchivedTable;
import io.dynamis.backup.archive.TableStates;
import io.dynamis.backup.client.ItemServiceClient;
import io.dynamis.backup.config.BackupServiceConfig;
import io.dynamis.core.json.Json;
import io.dynamis.core.table.TableDefinition;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;

/**
 * Point-in-time recovery settings and windows. backup-service owns the setting, per table id (a table
 * created again under the same name starts without it, as in DynamoDB); the table itself is
 * item-service's, so a name no table has is TableNotFoundException. Continuous backups are always
 * ENABLED, as in DynamoDB.
 */
@ApplicationScoped
public class ContinuousBackups {

    private final ItemServiceClient itemService;
    private final ArchiveStore store;
    private final TableStates states;
    private final BackupServiceConfig config;

    public ContinuousBackups(ItemServiceClient itemService, ArchiveStore store, TableStates states,
            BackupServiceConfig config) {
        this.itemService = itemService;
        this.store = store;
        this.states = states;
        this.config = config;
    }

    /** What every table ARN starts with: {@code arn:aws:dynamodb:<region>:<account>:table/}. */
    public String tableArnPrefix() {
        return "arn:aws:dynamodb:" + config.region() + ":" + config.accountId() + ":table/";
    }

    /** The archive's entry of a live table (made when the archive has not met it yet), definition refreshed. */
    public ArchivedTable archived(TableDefinition table) {
        synchronized (store.lock()) {
            ArchivedTable archived = store.table(table.tableId());
            archived = archived == null ? store.newTable(table.tableId(), table.name(), table)
                    : archived.withDefinition(table);
            store.putTable(archived);
            store.db().checkpoint();
            return archived;
        }
    }

    /** Turns point-in-time recovery on or off; returns the new settings. */
    public ArchivedTable update(String tableName, boolean enabled, Integer recoveryDays) {
        TableDefinition table = itemService.requireTable(tableName);
        synchronized (store.lock()) {
            ArchivedTable archived = archived(table);
            int days = recoveryDays != null ? recoveryDays
                    : archived.recoveryDays() > 0 ? archived.recoveryDays() : config.pointInTimeRecoveryDays();
            long since = enabled && archived.pitrEnabled() ? archived.pitrSinceMillis() : System.currentTimeMillis();
            ArchivedTable changed = archived.withPointInTimeRecovery(enabled, since, days);
            store.putTable(changed);
            store.db().checkpoint();
            return changed;
        }
    }

    /** The earliest time a restore of the table may ask for. */
    public long earliestRestorableMillis(ArchivedTable table) {
        long window = System.currentTimeMillis() - table.recoveryDays() * 86_400_000L;
        return Math.max(Math.max(table.pitrSinceMillis(), table.earliestStateMillis()), window);
    }

    /**
     * DynamoDB's ContinuousBackupsDescription of a live table, read without changing anything: a table the
     * archive has not met, or met without point-in-time recovery, is DISABLED.
     */
    public ObjectNode describe(TableDefinition table) {
        ArchivedTable archived = store.table(table.tableId());
        if (archived == null) {
            ObjectNode description = Json.object().put("ContinuousBackupsStatus", "ENABLED");
            description.putObject("PointInTimeRecoveryDescription").put("PointInTimeRecoveryStatus", "DISABLED");
            return description;
        }
        return describe(archived);
    }

    /** DynamoDB's ContinuousBackupsDescription of the table. */
    public ObjectNode describe(ArchivedTable table) {
        ObjectNode description = Json.object();
        description.put("ContinuousBackupsStatus", "ENABLED");
        ObjectNode pitr = description.putObject("PointInTimeRecoveryDescription");
        pitr.put("PointInTimeRecoveryStatus", table.pitrEnabled() ? "ENABLED" : "DISABLED");
        if (table.pitrEnabled()) {
            pitr.put("RecoveryPeriodInDays", table.recoveryDays());
            long earliest = earliestRestorableMillis(table);
            long latest = Math.max(earliest, states.latestRestorableMillis());
            pitr.put("EarliestRestorableDateTime", seconds(earliest));
            pitr.put("LatestRestorableDateTime", seconds(latest));
        }
        return description;
    }

    public static BigDecimal seconds(long millis) {
        return BigDecimal.valueOf(millis, 3);
    }
}
