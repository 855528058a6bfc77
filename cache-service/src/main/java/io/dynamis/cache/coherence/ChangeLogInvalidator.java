package io.dynamis.cache.coherence;

import io.dynamis.cache.config.CacheConfig;
import io.dynamis.cache.store.AcceleratedTables;
import io.dynamis.cache.store.CacheMetrics;
import io.dynamis.cache.store.ItemCache;
import io.dynamis.cache.store.QueryCache;
import io.dynamis.core.cache.CacheKeys;
import io.dynamis.core.change.ChangeLogConsumer;
import io.dynamis.core.change.ChangeLogConsumers;
import io.dynamis.core.change.ChangeRecord;
import io.dynamis.core.change.InMemoryPositions;
import io.dynamis.core.model.AttributeValue;
import io.dynamis.core.roles.Plays;
import io.dynamis.core.roles.Role;
import io.dynamis.core.roles.RoleEvents.RoleStart;
import io.dynamis.core.roles.RoleEvents.RoleStop;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Cache coherence beyond DAX: every member consumes the change log and applies each committed change to
 * the cache, so that a write made anywhere (through {@code :8000}, through the accelerator, or by the
 * Time to Live sweeper) stops stale reads within a bounded delay.
 *
 * <p>Changes of tables the accelerator never cached anything of are passed over ({@link AcceleratedTables}).
 * For each other change record, the item entry under the record's table and key is invalidated unless it
 * already shows the item as the change left it, and every near-cached copy is dropped, also of an entry the
 * member evicted or expired meanwhile (see {@link ItemCache#invalidate}); then each table
 * changed in the batch moves its query-page generation on (see {@link QueryCache}). A table name seen
 * with a new table id (deleted and created again) loses all its entries. The consumer starts at the end
 * of the log (a starting member's cache holds nothing older) and keeps its position in memory only: the
 * cache is not durable, so there is nothing to replay after a restart. The delay from a change's commit
 * to its invalidation here is the metric {@code dynamis_cache_invalidation_lag}.
 */
@ApplicationScoped
public class ChangeLogInvalidator {

    private static final Logger LOG = Logger.getLogger(ChangeLogInvalidator.class);

    private final ItemCache items;
    private final QueryCache pages;
    private final AcceleratedTables acceleratedTables;
    private final CacheMetrics metrics;
    private final CacheConfig config;
    private final ChangeLogConsumers consumers;
    private final MeterRegistry registry;
    private final Map<String, String> tableIds = new ConcurrentHashMap<>();
    private volatile ChangeLogConsumer consumer;

    public ChangeLogInvalidator(ItemCache items, QueryCache pages, AcceleratedTables acceleratedTables, CacheMetrics metrics,
            CacheConfig config, ChangeLogConsumers consumers, MeterRegistry registry) {
        this.items = items;
        this.pages = pages;
        this.acceleratedTables = acceleratedTables;
        this.metrics = metrics;
        this.config = config;
        this.consumers = consumers;
        this.registry = registry;
    }

    void start(@Observes @Plays(Role.CACHE) RoleStart event) {
        if (!config.invalidationEnabled()) {
            LOG.info("Change-log invalidation is off: cached entries live out their time to live");
            return;
        }
        consumer = consumers.builder("cache-service-" + ProcessHandle.current().pid())
                .positions(new InMemoryPositions())
                .handler(this::apply)
                .meterRegistry(registry)
                .fromLatest()
                .start();
    }

    /** Change-log records published and not yet applied here (refreshed about once a second); 0 when off. */
    public long pendingRecords() {
        ChangeLogConsumer current = consumer;
        return current == null ? 0 : current.lag().records();
    }

    /** When {@link #pendingRecords()} was measured (epoch milliseconds; 0 before the first measurement). */
    public long pendingRecordsMeasuredAt() {
        ChangeLogConsumer current = consumer;
        return current == null ? 0 : current.lag().measuredAtMillis();
    }

    void stop(@Observes @Plays(Role.CACHE) RoleStop event) {
        if (consumer != null) {
            consumer.close();
        }
    }

    /**
     * Applies a batch of change records (the consumer's handler; package-private for tests): per table, the
     * last change of each key, all in one call (a key's earlier changes in the batch are overtaken by its
     * last: an entry ends as the last image leaves it either way); a table seen under a new id is flushed
     * first, and only its changes after that count.
     */
    void apply(List<ChangeRecord> batch) {
        Map<String, Map<String, Map<String, AttributeValue>>> lastImages = new LinkedHashMap<>();
        Map<String, Boolean> accelerated = new HashMap<>();
        for (ChangeRecord record : batch) {
            String previousId = tableIds.put(record.tableName(), record.tableId());
            if (!accelerated.computeIfAbsent(record.tableName(), acceleratedTables::mayHoldEntries)) {
                continue; // nothing of the table was ever cached: nothing to invalidate or flush
            }
            if (previousId != null && !previousId.equals(record.tableId())) {
                lastImages.remove(record.tableName());
                items.flush(record.tableName());
            }
            lastImages.computeIfAbsent(record.tableName(), table -> new HashMap<>())
                    .put(CacheKeys.item(record.keys()), record.newImage());
        }
        lastImages.forEach(items::invalidateAll);
        lastImages.keySet().forEach(pages::invalidate);
        long oldestCommit = Long.MAX_VALUE;
        for (ChangeRecord record : batch) {
            oldestCommit = Math.min(oldestCommit, record.commitTimeMillis());
        }
        metrics.invalidated(batch.size(), oldestCommit);
    }
}
