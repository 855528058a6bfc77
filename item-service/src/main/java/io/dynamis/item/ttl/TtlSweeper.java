package io.dynamis.item.ttl;

import io.dynamis.core.change.ChangeRecord;
import io.dynamis.core.key.KeyCodec;
import io.dynamis.core.key.PrimaryKeys;
import io.dynamis.core.model.AttributeValue;
import io.dynamis.core.roles.Plays;
import io.dynamis.core.roles.Role;
import io.dynamis.core.roles.RoleEvents.RoleStart;
import io.dynamis.core.roles.RoleEvents.RoleStop;
import io.dynamis.core.table.TableDefinition;
import io.dynamis.item.catalog.TableCatalog;
import io.dynamis.item.config.ItemServiceConfig;
import io.dynamis.item.storage.ItemStore;
import io.dynamis.item.storage.StoreWriter;
import io.dynamis.item.storage.StoredItem;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Time to live: deletes the items whose TTL attribute holds an epoch-seconds time in the past.
 *
 * <p>Every {@code sweep-interval} the sweeper walks the tables that have time to live enabled, from
 * where it stopped last time, examining at most {@code items-per-sweep} items; a table small enough is
 * examined whole each sweep, a larger one over several. An item is expired when its TTL attribute is a
 * number (of seconds since the epoch) not in the future and, as in DynamoDB, not more than five years
 * in the past; an item whose attribute is missing, not a number or in the future is never touched.
 *
 * <p>Expired items are deleted through the single writer, in batches, each re-checked there against
 * the item as it is now (a write may have moved the time since the sweep saw it). A deletion is a
 * service deletion: its change record names the TTL service ({@code userIdentity} of type
 * {@code Service}, principal {@code dynamodb.amazonaws.com}), so Streams and indexes see it as DynamoDB's
 * would. It consumes no capacity of the table.
 */
@ApplicationScoped
public class TtlSweeper {

    private static final Logger LOG = Logger.getLogger(TtlSweeper.class);
    /** DynamoDB leaves alone items whose expiry is more than five years in the past. */
    static final long MAX_AGE_SECONDS = 5L * 365 * 24 * 3600;

    private final TableCatalog catalog;
    private final ItemStore store;
    private final StoreWriter writer;
    private final ItemServiceConfig.Ttl config;
    private final Map<Long, byte[]> cursors = new HashMap<>();
    private final Counter examined;
    private final Counter deleted;
    private final Timer sweeps;
    private final AtomicLong lastSweepEpochSeconds = new AtomicLong();
    private ScheduledExecutorService scheduler;

    public TtlSweeper(TableCatalog catalog, ItemStore store, StoreWriter writer, ItemServiceConfig config,
            MeterRegistry registry) {
        this.catalog = catalog;
        this.store = store;
        this.writer = writer;
        this.config = config.ttl();
        this.examined = Counter.builder("dynamis.ttl.items.examined")
                .description("Items the TTL sweeper has examined").register(registry);
        this.deleted = Counter.builder("dynamis.ttl.items.deleted")
                .description("Expired items the TTL sweeper has deleted").register(registry);
        this.sweeps = Timer.builder("dynamis.ttl.sweep").description("Time one TTL sweep takes").register(registry);
        io.micrometer.core.instrument.Gauge.builder("dynamis.ttl.last.sweep.timestamp", lastSweepEpochSeconds,
                AtomicLong::get).description("When the last TTL sweep ended, epoch seconds").register(registry);
    }

    void onStart(@Observes @Plays(Role.ITEM) RoleStart event) {
        if (!config.enabled()) {
            LOG.info("TTL sweeper disabled (dynamis.item.ttl.enabled=false)");
            return;
        }
        long intervalMillis = Math.max(100, config.sweepInterval().toMillis());
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ttl-sweeper");
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleWithFixedDelay(this::sweepSafely, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
        LOG.infof("TTL sweeper: every %s, up to %d items a sweep", config.sweepInterval(), config.itemsPerSweep());
    }

    void onStop(@Observes @Plays(Role.ITEM) RoleStop event) {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    private void sweepSafely() {
        try {
            sweeps.record(this::sweep);
        } catch (RuntimeException e) {
            LOG.warn("TTL sweep failed; the next one starts over from there", e);
        }
        lastSweepEpochSeconds.set(System.currentTimeMillis() / 1000);
    }

    /** One sweep: examines up to the budget of items, deletes the expired ones; returns how many it deleted. */
    int sweep() {
        int budget = config.itemsPerSweep();
        int removed = 0;
        for (TableDefinition table : List.copyOf(catalog.all())) {
            String attribute = table.timeToLiveAttribute();
            if (attribute == null) {
                cursors.remove(table.storeId());
                continue;
            }
            if (budget <= 0) {
                break;
            }
            byte[] from = cursors.getOrDefault(table.storeId(), KeyCodec.tablePrefix(table.storeId()));
            byte[] to = KeyCodec.tablePrefix(table.storeId() + 1);
            List<byte[]> expired = new ArrayList<>();
            byte[] last = null;
            for (Map.Entry<byte[], byte[]> entry : store.committedRange(from, to, true)) {
                if (last == null && cursors.containsKey(table.storeId())
                        && java.util.Arrays.equals(entry.getKey(), from)) {
                    continue; // the cursor is the last key examined: start after it
                }
                if (budget-- <= 0) {
                    break;
                }
                last = entry.getKey();
                examined.increment();
                if (isExpired(StoredItem.decode(entry.getValue()).get(attribute), nowSeconds())) {
                    expired.add(entry.getKey());
                }
            }
            if (budget > 0 || last == null) {
                cursors.remove(table.storeId()); // reached the end of the table: start over next time
            } else {
                cursors.put(table.storeId(), last);
            }
            removed += delete(table, attribute, expired);
        }
        return removed;
    }

    private int delete(TableDefinition table, String attribute, List<byte[]> keys) {
        int removed = 0;
        for (int start = 0; start < keys.size(); start += config.deleteBatch()) {
            int before = removed;
            List<byte[]> batch = keys.subList(start, Math.min(keys.size(), start + config.deleteBatch()));
            try {
                removed += writer.submit(writes -> {
                    catalog.requireSame(table);
                    int n = 0;
                    for (byte[] key : batch) {
                        byte[] current = writes.currentItem(key);
                        if (current == null || writes.holds().holder(key, System.currentTimeMillis()) != null) {
                            continue;
                        }
                        Map<String, AttributeValue> item = StoredItem.decode(current);
                        if (isExpired(item.get(attribute), nowSeconds())) {
                            writes.removeItem(table, PrimaryKeys.ofItem(table.keySchema(), item), key,
                                    ChangeRecord.Origin.TIME_TO_LIVE);
                            n++;
                        }
                    }
                    return n;
                }).get(1, TimeUnit.MINUTES);
                deleted.increment(removed - before);
            } catch (Exception e) {
                LOG.debugf("TTL deletions in %s stopped: %s", table.name(), e.toString());
                return removed;
            }
        }
        return removed;
    }

    private static long nowSeconds() {
        return System.currentTimeMillis() / 1000;
    }

    /** True when a TTL attribute value makes its item expired at {@code nowSeconds}. */
    static boolean isExpired(AttributeValue value, long nowSeconds) {
        if (!(value instanceof AttributeValue.Num number)) {
            return false;
        }
        BigDecimal expiry = number.value();
        return expiry.compareTo(BigDecimal.valueOf(nowSeconds)) <= 0
                && expiry.compareTo(BigDecimal.valueOf(nowSeconds - MAX_AGE_SECONDS)) >= 0;
    }
}
