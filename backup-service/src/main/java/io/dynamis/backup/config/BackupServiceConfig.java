package io.dynamis.backup.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** backup-service settings; each can be overridden by its environment variable (e.g. DYNAMIS_BACKUP_DATA_DIR). */
@ConfigMapping(prefix = "dynamis.backup")
public interface BackupServiceConfig {

    /** The folder holding this service's store file (the archive, its table copies, the backups). */
    @WithDefault("data/backup-service")
    String dataDir();

    /** Base URL of item-service (the catalog, the log position, the target tables of restores). */
    @WithDefault("http://127.0.0.1:8201")
    String itemServiceUrl();

    /** The region written into ARNs. */
    @WithDefault("us-east-1")
    String region();

    /** The account id written into ARNs. */
    @WithDefault("000000000000")
    String accountId();

    /** Whether the change log is archived (off in unit tests). */
    @WithDefault("true")
    boolean archiveEnabled();

    /** Days of history kept for a table with point-in-time recovery enabled, unless its RecoveryPeriodInDays says fewer. */
    @WithDefault("35")
    int pointInTimeRecoveryDays();

    /** How long the change records of a table with a stream are kept (DynamoDB Streams keeps 24 hours). */
    @WithDefault("PT24H")
    Duration streamRetention();

    /** Time between two retention passes, which fold records older than the window into each table's copy. */
    @WithDefault("PT1M")
    Duration retentionInterval();

    /** Time between two looks at the catalog for protected tables that were deleted (they get a backup of their last state). */
    @WithDefault("PT5S")
    Duration deletedTableCheckInterval();

    /**
     * Time between two snapshots of a table with point-in-time recovery: a restore starts from the
     * latest snapshot before its time, so it never replays more than this much of the log.
     */
    @WithDefault("PT6H")
    Duration snapshotInterval();

    /** Items sent to item-service in one bulk-load call of a restore. */
    @WithDefault("1000")
    int restoreBatchItems();

    /** Longest wait for the archive to catch up with item-service's log before a backup or restore. */
    @WithDefault("PT30S")
    Duration catchUpTimeout();
}
