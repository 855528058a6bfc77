package io.dynamis.cache.store;

import com.hazelcast.core.DistributedObject;
import com.hazelcast.map.IMap;
import com.hazelcast.map.LocalMapStats;
import io.dynamis.cache.cluster.CacheCluster;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;

/**
 * The accelerator's numbers on this member: hits, misses and pass-throughs per cache, the entries,
 * memory, evictions and expirations of the entries this member owns, and the invalidation lag (from a
 * change's commit to its invalidation here). Exported at {@code /q/metrics} and summarized by
 * {@link #snapshot()} for the stats route.
 */
@ApplicationScoped
public class CacheMetrics {

    /** The two caches. */
    public enum Cache {
        ITEM("item", CacheCluster.ITEM_PREFIX), QUERY("query", CacheCluster.QUERY_PREFIX);

        final String tag;
        final String prefix;

        Cache(String tag, String prefix) {
            this.tag = tag;
            this.prefix = prefix;
        }
    }

    private final CacheCluster cluster;
    private final Map<Cache, Counter> hits = new java.util.EnumMap<>(Cache.class);
    private final Map<Cache, Counter> misses = new java.util.EnumMap<>(Cache.class);
    private final Map<Cache, Counter> bypasses = new java.util.EnumMap<>(Cache.class);
    private final Counter invalidations;
    private final Timer invalidationLag;

    public CacheMetrics(CacheCluster cluster, MeterRegistry registry) {
        this.cluster = cluster;
        for (Cache cache : Cache.values()) {
            hits.put(cache, counter(registry, cache, "hit"));
            misses.put(cache, counter(registry, cache, "miss"));
            bypasses.put(cache, counter(registry, cache, "bypass"));
            Gauge.builder("dynamis.cache.entries", () -> sum(cache, LocalMapStats::getOwnedEntryCount))
                    .description("Entries this member owns").tag("cache", cache.tag).register(registry);
            Gauge.builder("dynamis.cache.memory", () -> sum(cache, LocalMapStats::getOwnedEntryMemoryCost))
                    .description("Memory of the entries this member owns").baseUnit("bytes")
                    .tag("cache", cache.tag).register(registry);
            Gauge.builder("dynamis.cache.evictions", () -> sum(cache, LocalMapStats::getEvictionCount))
                    .description("Entries evicted by the memory bound (least recently used first)")
                    .tag("cache", cache.tag).register(registry);
            Gauge.builder("dynamis.cache.expirations", () -> sum(cache, LocalMapStats::getExpirationCount))
                    .description("Entries expired by their time to live").tag("cache", cache.tag).register(registry);
        }
        invalidations = Counter.builder("dynamis.cache.invalidations")
                .description("Change-log records applied to the cache").register(registry);
        invalidationLag = Timer.builder("dynamis.cache.invalidation.lag")
                .description("From a change's commit to its invalidation on this member (per applied batch: its oldest change)")
                .publishPercentiles(0.5, 0.99)
                .distributionStatisticExpiry(Duration.ofMinutes(1))
                .register(registry);
    }

    private static Counter counter(MeterRegistry registry, Cache cache, String result) {
        return Counter.builder("dynamis.cache.requests").description("Reads through the accelerator, by outcome")
                .tag("cache", cache.tag).tag("result", result).register(registry);
    }

    public void hit(Cache cache) {
        hits.get(cache).increment();
    }

    public void miss(Cache cache) {
        misses.get(cache).increment();
    }

    /** A read that goes straight through, uncached (ConsistentRead, TransactGetItems). */
    public void bypass(Cache cache) {
        bypasses.get(cache).increment();
    }

    /**
     * A batch of {@code records} change-log records applied, the oldest committed at {@code oldestCommitMillis}:
     * the lag is sampled once per batch, as the longest any of its changes waited (not once per record: a
     * timer's percentiles cost more per sample than a record's whole invalidation).
     */
    public void invalidated(int records, long oldestCommitMillis) {
        if (records == 0) {
            return;
        }
        invalidations.increment(records);
        invalidationLag.record(Math.max(0, System.currentTimeMillis() - oldestCommitMillis), TimeUnit.MILLISECONDS);
    }

    private long sum(Cache cache, ToLongFunction<LocalMapStats> stat) {
        long total = 0;
        if (!cluster.isUp()) {
            return 0;
        }
        for (DistributedObject object : cluster.hazelcast().getDistributedObjects()) {
            if (object instanceof IMap<?, ?> map && map.getName().startsWith(cache.prefix)) {
                total += stat.applyAsLong(map.getLocalMapStats());
            }
        }
        return total;
    }

    /** This member's numbers, for the stats route. */
    public Map<String, Object> snapshot() {
        Map<String, Object> out = new TreeMap<>();
        out.put("member", cluster.hazelcast().getCluster().getLocalMember().getAddress().toString());
        out.put("clusterMembers", cluster.hazelcast().getCluster().getMembers().size());
        for (Cache cache : Cache.values()) {
            Map<String, Object> numbers = new TreeMap<>();
            double hit = hits.get(cache).count();
            double miss = misses.get(cache).count();
            numbers.put("hits", (long) hit);
            numbers.put("misses", (long) miss);
            numbers.put("bypasses", (long) bypasses.get(cache).count());
            numbers.put("hitRatio", hit + miss == 0 ? 0 : hit / (hit + miss));
            numbers.put("entries", sum(cache, LocalMapStats::getOwnedEntryCount));
            numbers.put("memoryBytes", sum(cache, LocalMapStats::getOwnedEntryMemoryCost));
            numbers.put("evictions", sum(cache, LocalMapStats::getEvictionCount));
            numbers.put("expirations", sum(cache, LocalMapStats::getExpirationCount));
            out.put(cache.tag, numbers);
        }
        Map<String, Object> lag = new TreeMap<>();
        lag.put("applied", (long) invalidations.count());
        lag.put("maxMillis", invalidationLag.max(TimeUnit.MILLISECONDS));
        for (ValueAtPercentile percentile : invalidationLag.takeSnapshot().percentileValues()) {
            lag.put("p" + Math.round(percentile.percentile() * 100) + "Millis", percentile.value(TimeUnit.MILLISECONDS));
        }
        out.put("invalidationLag", lag);
        return out;
    }
}
