package io.dynamis.query.gsi;

import io.dynamis.core.change.AppliedSequences;
import io.dynamis.core.change.ChangeLogConsumer;
import io.dynamis.core.change.ChangeLogConsumers;
import io.dynamis.core.change.ChangeRecord;
import io.dynamis.core.change.StoreFileConsumerPositions;
import io.dynamis.core.roles.Plays;
import io.dynamis.core.roles.Role;
import io.dynamis.core.roles.RoleEvents.RoleStart;
import io.dynamis.core.roles.RoleEvents.RoleStop;
import io.dynamis.core.table.IndexDefinition;
import io.dynamis.core.table.TableDefinition;
import io.dynamis.query.catalog.CatalogClient;
import io.dynamis.query.client.ItemServiceClient;
import io.dynamis.query.config.QueryServiceConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * GSI maintenance: keeps every global secondary index up to date from the change log.
 *
 * <p>A {@link ChangeLogConsumer} hands over the change records in log order. For each, the table is
 * looked up in the catalog by name and id (a record of a table since deleted is skipped), and each of
 * its global indexes drops the entry of the old image and takes the projected new image, when the image
 * has the index key. Records of tables without global indexes are passed over by their Kafka key, undecoded.
 * The consumer's position is saved in the same checkpoint of the store file as the entries, so each
 * change is applied exactly once, also across crashes; a batch that fails is rolled back and comes again.
 *
 * <p>The indexes are eventually consistent, as DynamoDB's are: a write is visible in them once this
 * consumer has applied it. How far behind it is, is the metric
 * {@code dynamis_changelog_consumer_lag_records{consumer="query-service-gsi"}} (and {@code _seconds}).
 *
 * <p>Read after write: {@link AppliedSequences} says through which sequence number each item-service
 * shard's log is applied (records of tables without global indexes count as applied once passed over),
 * saved in the same commit as the entries, and {@link #awaitApplied} lets a read wait, bounded, until a
 * given sequence is applied. It is moved forward after a batch is in the store (readers read the store's
 * uncommitted state), and moved back to what was saved when a batch is rolled back.
 */
@ApplicationScoped
public class GsiMaintainer {

    private static final Logger LOG = Logger.getLogger(GsiMaintainer.class);
    static final String CONSUMER = "query-service-gsi";

    private final GsiStore store;
    private final CatalogClient catalog;
    private final ItemServiceClient itemService;
    private final QueryServiceConfig config;
    private final ChangeLogConsumers consumers;
    private final MeterRegistry registry;
    private final Counter purgedEntries;
    private volatile ChangeLogConsumer consumer;
    /** Held while a batch of changes or a backfill is applied: they never interleave. */
    private final Object applyLock = new Object();
    /** How far the log is applied, per shard; changed under the apply lock, waited on by readers. */
    private final AppliedSequences applied = new AppliedSequences();
    private final ExecutorService backfills = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "gsi-backfill");
        thread.setDaemon(true);
        return thread;
    });
    private final ScheduledExecutorService cleanups = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "gsi-cleanup");
        thread.setDaemon(true);
        return thread;
    });
    /** Entries of deleted indexes purged at a time, under the apply lock. */
    private static final int PURGE_BATCH = 5_000;

    public GsiMaintainer(GsiStore store, CatalogClient catalog, ItemServiceClient itemService,
            QueryServiceConfig config, ChangeLogConsumers consumers,
            MeterRegistry registry) {
        this.store = store;
        this.catalog = catalog;
        this.itemService = itemService;
        this.config = config;
        this.consumers = consumers;
        this.registry = registry;
        this.purgedEntries = Counter.builder("dynamis.gsi.purged.entries")
                .description("Entries of deleted global secondary indexes (or of deleted tables' indexes) purged")
                .register(registry);
    }

    void start(@Observes @Plays(Role.QUERY) RoleStart event) {
        if (!config.gsiMaintenanceEnabled()) {
            LOG.info("GSI maintenance is off");
            return;
        }
        restoreApplied();
        consumer = consumers.builder(CONSUMER)
                .positions(new StoreFileConsumerPositions(store.db(), "gsi-positions"))
                .handler(this::apply)
                .progress(this::progress)
                .tables(catalog::mayHaveGlobalIndexes)
                .meterRegistry(registry)
                .saveEvery(config.gsiSaveInterval())
                .start();
        Thread resume = new Thread(this::resumeBackfills, "gsi-backfill-resume");
        resume.setDaemon(true);
        resume.start();
        long every = config.gsiCleanupInterval().toMillis();
        cleanups.scheduleWithFixedDelay(this::cleanUp, every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * Purges the entries of indexes that no longer exist: deleted by UpdateTable, or of a deleted table.
     * The indexes the store knows are listed first, then the catalog is read: an index that appears in
     * the store after the listing is left alone, and one listed that the catalog no longer has is gone
     * for good (a table or an index created again gets another id or a reset). The purge runs in batches
     * under the apply lock, so changes go on being applied between batches.
     */
    void cleanUp() {
        try {
            Set<String> known = store.indexes();
            if (known.isEmpty()) {
                return;
            }
            Set<String> live = new HashSet<>();
            for (String name : catalog.tableNames()) {
                catalog.forget(name);
                TableDefinition table = catalog.find(name);
                if (table != null) {
                    table.indexes().stream().filter(IndexDefinition::global)
                            .forEach(index -> live.add(GsiStore.indexKey(table.tableId(), index.name())));
                }
            }
            synchronized (applyLock) {
                known.stream().filter(index -> !live.contains(index)).forEach(store::retire);
                store.commit();
            }
            long purged = 0;
            for (int batch = 0; batch < 100_000; batch++) {
                int removed;
                synchronized (applyLock) {
                    removed = store.purgeRetired(PURGE_BATCH);
                    store.commit();
                }
                purged += removed;
                purgedEntries.increment(removed);
                if (removed == 0) {
                    break;
                }
            }
            if (purged > 0) {
                LOG.infof("Purged %d entries of deleted global secondary indexes", purged);
            }
        } catch (RuntimeException e) {
            LOG.warnf("Looking for deleted global secondary indexes failed (%s); trying again later", e.toString());
        }
    }

    /**
     * At startup: backfills the indexes still CREATING (their backfill was interrupted, or asked for
     * while this service was down). Waits for item-service for up to a minute.
     */
    private void resumeBackfills() {
        for (int attempt = 0; attempt < 30; attempt++) {
            try {
                for (String name : catalog.tableNames()) {
                    TableDefinition table = catalog.require(name);
                    if (table.indexes().stream().anyMatch(i -> i.global() && "CREATING".equals(i.status()))) {
                        requestBackfill(name);
                    }
                }
                return;
            } catch (RuntimeException e) {
                LOG.infof("Looking for interrupted backfills: %s; trying again", e.toString());
                try {
                    Thread.sleep(2000);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        LOG.warn("Could not look for interrupted backfills: item-service did not answer");
    }

    /** The consumer's lag, or null when maintenance is off. */
    public ChangeLogConsumer.Lag lag() {
        ChangeLogConsumer current = consumer;
        return current == null ? null : current.lag();
    }

    /**
     * Waits until every change of {@code shard} up to {@code sequence} is applied to the indexes, for at
     * most {@code timeoutNanos}: true when it is, false when the bound passed (or maintenance is off).
     */
    public boolean awaitApplied(int shard, long sequence, long timeoutNanos) throws InterruptedException {
        ChangeLogConsumer current = consumer;
        if (current == null) {
            return false;
        }
        if (applied.through(shard) >= sequence) {
            return true;
        }
        current.hurry(); // in process: the read waits for this batch, not for the batch interval to pass
        return applied.await(shard, sequence, timeoutNanos);
    }

    /** The sequence number of {@code shard} through which the indexes have applied the log. */
    public long appliedThrough(int shard) {
        return applied.through(shard);
    }

    private void restoreApplied() {
        applied.clear();
        store.applied().forEach((shard, saved) ->
                applied.restore(shard, saved[0], java.util.Arrays.copyOfRange(saved, 1, saved.length)));
    }

    /** The consumer read (applied or passed over) these sequence numbers: recorded, saved with the position. */
    private void progress(int shard, long throughSequence, long[] sequences) {
        synchronized (applyLock) {
            boolean known = applied.shards().contains(shard);
            if (!known && throughSequence == 0 && sequences.length > 0) {
                // nothing saved yet (a new store, or one from before this was kept): start below the first read
                applied.appliedThrough(shard, java.util.Arrays.stream(sequences).min().getAsLong() - 1);
            }
            applied.appliedThrough(shard, throughSequence);
            for (long sequence : sequences) {
                applied.applied(shard, sequence);
            }
            store.saveApplied(shard, applied.through(shard), applied.pending(shard));
        }
    }

    private void apply(List<ChangeRecord> batch) {
        synchronized (applyLock) {
            applyLocked(batch);
        }
    }

    private void applyLocked(List<ChangeRecord> batch) {
        try {
            for (ChangeRecord record : batch) {
                TableDefinition table = catalog.forChange(record.tableName(), record.tableId());
                if (table == null) {
                    continue; // the table was deleted since
                }
                for (IndexDefinition index : table.indexes()) {
                    if (index.global()) {
                        store.apply(table, index, record.oldImage(), record.newImage());
                    }
                }
            }
            store.saveStats();
        } catch (RuntimeException e) {
            store.rollback();
            restoreApplied();
            throw e;
        }
    }

    /**
     * Backfills, on a thread of its own, the table's global indexes that are CREATING, then makes them
     * ACTIVE.
     *
     * <p>A backfill holds the apply lock: no change is applied meanwhile. It first forgets the cached
     * definition, so every change applied after it knows the new index; every change applied before it
     * with the old definition happened before the backfill reads the table, so the read covers it. It
     * reads the whole table (strongly consistent Scan pages from item-service) into a fresh, empty index.
     * Changes older than the read may still be applied to the index afterwards (the consumer may be
     * behind): each removes its old image's entry and adds its new image's, so once the consumer has
     * applied the log up to the read, the index holds exactly the table's items again.
     */
    public void requestBackfill(String tableName) {
        backfills.submit(() -> {
            try {
                backfill(tableName);
            } catch (RuntimeException e) {
                LOG.errorf(e, "Backfill of the indexes of %s failed", tableName);
            }
        });
    }

    private void backfill(String tableName) {
        List<String> done = new java.util.ArrayList<>();
        TableDefinition table;
        synchronized (applyLock) {
            catalog.forget(tableName);
            table = catalog.require(tableName);
            List<IndexDefinition> creating = table.indexes().stream()
                    .filter(index -> index.global() && "CREATING".equals(index.status())).toList();
            if (creating.isEmpty()) {
                return;
            }
            for (IndexDefinition index : creating) {
                store.reset(table.tableId(), index.name());
            }
            long items = 0;
            com.fasterxml.jackson.databind.JsonNode startKey = null;
            for (int page = 0; page < 10_000_000; page++) {
                com.fasterxml.jackson.databind.node.ObjectNode scan = io.dynamis.core.json.Json.object();
                scan.put("TableName", tableName);
                scan.put("ConsistentRead", true);
                if (startKey != null) {
                    scan.set("ExclusiveStartKey", startKey);
                }
                com.fasterxml.jackson.databind.node.ObjectNode answer;
                try {
                    answer = itemService.read("Scan", scan).toCompletableFuture()
                            .get(config.readTimeoutMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
                } catch (Exception e) {
                    store.rollback();
                    restoreApplied();
                    throw new IllegalStateException("backfill of " + tableName + " could not read the table", e);
                }
                for (com.fasterxml.jackson.databind.JsonNode item : answer.path("Items")) {
                    var image = io.dynamis.core.json.AttributeValueCodec.decodeItem(item);
                    for (IndexDefinition index : creating) {
                        store.apply(table, index, null, image);
                    }
                    items++;
                }
                store.commit();
                startKey = answer.get("LastEvaluatedKey");
                if (startKey == null) {
                    break;
                }
            }
            creating.forEach(index -> done.add(index.name()));
            LOG.infof("Backfilled %s of %s from %d item(s)", done, tableName, items);
        }
        for (String indexName : done) {
            catalog.activate(table, indexName);
        }
        catalog.forget(tableName);
    }

    void stop(@Observes @Plays(Role.QUERY) RoleStop event) {
        backfills.shutdownNow();
        cleanups.shutdownNow();
        ChangeLogConsumer current = consumer;
        if (current != null) {
            current.close();
        }
        store.close();
    }
}
