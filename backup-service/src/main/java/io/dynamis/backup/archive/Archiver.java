package io.dynamis.backup.archive;

import io.dynamis.backup.client.ItemServiceClient;
import io.dynamis.backup.config.BackupServiceConfig;
import io.dynamis.core.change.ChangeLogConsumer;
import io.dynamis.core.change.ChangeLogConsumers;
import io.dynamis.core.change.ChangeRecord;
import io.dynamis.core.change.ConsumerPositions;
import io.dynamis.core.change.StoreFileConsumerPositions;
import io.dynamis.core.change.PartitionPosition;
import io.dynamis.core.roles.Plays;
import io.dynamis.core.roles.Role;
import io.dynamis.core.roles.RoleEvents.RoleStart;
import io.dynamis.core.roles.RoleEvents.RoleStop;
import io.dynamis.core.table.TableDefinition;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The archive: every change record of the log, kept per table in log order.
 *
 * <p>A {@link ChangeLogConsumer} hands over the records; each is stored under its table id, shard and
 * sequence number, with its commit time inside, and the {@link LogWatermark} advances. The consumer's
 * position is committed with them (one checkpoint of the store file), so after a crash the records come again at most
 * once more, and storing a record twice changes nothing. Records already folded into a table's copy
 * (at or below its base sequence) are skipped.
 *
 * <p>Every table is archived, protected or not: the retention pass keeps records 35 days for tables
 * with point-in-time recovery, 24 hours for tables with a stream, and folds the rest into each table's
 * copy at once. So a table's copy is always there to back it up from, or to start its recovery window
 * the moment point-in-time recovery is enabled.
 */
@ApplicationScoped
public class Archiver {

    private static final Logger LOG = Logger.getLogger(Archiver.class);
    static final String CONSUMER = "backup-service-archive";

    private final ArchiveStore store;
    private final ItemServiceClient itemService;
    private final BackupServiceConfig config;
    private final ChangeLogConsumers consumers;
    private final MeterRegistry registry;
    private final LogWatermark watermark;
    private volatile ChangeLogConsumer consumer;
    private long gapSinceMillis;
    private long gapReportedMillis;

    public Archiver(ArchiveStore store, ItemServiceClient itemService, BackupServiceConfig config, ChangeLogConsumers consumers,
            MeterRegistry registry) {
        this.store = store;
        this.itemService = itemService;
        this.config = config;
        this.consumers = consumers;
        this.registry = registry;
        this.watermark = new LogWatermark(store);
    }

    void start(@Observes @Plays(Role.BACKUP) RoleStart event) {
        if (!config.archiveEnabled()) {
            LOG.info("The change-log archive is off");
            return;
        }
        StoreFileConsumerPositions positions = new StoreFileConsumerPositions(store.db(), "archive-positions");
        consumer = consumers.builder(CONSUMER)
                .positions(new ConsumerPositions() {
                    @Override
                    public Map<Integer, PartitionPosition> load() {
                        return positions.load();
                    }

                    @Override
                    public void save(Map<Integer, PartitionPosition> current) {
                        synchronized (store.lock()) {
                            positions.save(current);
                        }
                    }
                })
                .encodedHandler(this::archive)
                .meterRegistry(registry)
                .start();
    }

    /** The watermark of the archive. */
    public LogWatermark watermark() {
        return watermark;
    }

    private void archive(List<ChangeRecord> batch, List<byte[]> encoded) {
        Map<Integer, Long> lowest = new HashMap<>();
        for (ChangeRecord record : batch) {
            lowest.merge(record.shard(), record.sequence(), Math::min);
        }
        Map<String, ArchivedTable> known = new HashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            ChangeRecord record = batch.get(i);
            ArchivedTable table = known.computeIfAbsent(record.tableId(), id -> tableOf(record));
            synchronized (store.lock()) {
                if (record.sequence() > table.baseSequence(record.shard())) {
                    store.putRecord(table, record, encoded.get(i));
                }
                watermark.archived(record.shard(), record.sequence(), record.commitTimeMillis(),
                        lowest.get(record.shard()));
            }
        }
        synchronized (store.lock()) {
            watermark.save();
        }
        reportGaps();
    }

    /**
     * Warns (at most once a minute) while a shard's watermark waits on a missing entry: Streams and
     * restores stop at the gap until the entry comes, so a gap that stays is worth knowing about.
     */
    private void reportGaps() {
        Map<Integer, long[]> gaps = watermark.gaps();
        long now = System.currentTimeMillis();
        if (gaps.isEmpty()) {
            gapSinceMillis = 0;
            return;
        }
        if (gapSinceMillis == 0) {
            gapSinceMillis = now;
        } else if (now - gapSinceMillis >= 10_000 && now - gapReportedMillis >= 60_000) {
            gapReportedMillis = now;
            gaps.forEach((shard, gap) -> LOG.warnf(
                    "The archive waits for sequence %d of shard %d (%d later record(s) held meanwhile) since %d s",
                    gap[0], shard, gap[1], (now - gapSinceMillis) / 1000));
        }
    }

    private ArchivedTable tableOf(ChangeRecord record) {
        ArchivedTable table = store.table(record.tableId());
        if (table != null) {
            return table;
        }
        TableDefinition definition = itemService.table(record.tableName());
        if (definition != null && !definition.tableId().equals(record.tableId())) {
            definition = null; // another table of that name since
        }
        synchronized (store.lock()) {
            ArchivedTable known = store.table(record.tableId()); // the stream catalog may have met it meanwhile
            return known != null ? known : store.newTable(record.tableId(), record.tableName(), definition);
        }
    }

    void stop(@Observes @Plays(Role.BACKUP) RoleStop event) {
        ChangeLogConsumer current = consumer;
        if (current != null) {
            current.close();
        }
        store.close();
    }
}
