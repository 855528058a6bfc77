package io.dynamis.gateway.auth;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * What authorization reads from item-service about tables (their key schemas, their resource-based
 * policies), by key, each value kept for {@link #TTL_NANOS} and fetched again after: a change made through
 * any gateway is seen by every other within that time. Loading fails when a value cannot be fetched (it
 * stays as it was, or absent): each user decides what that means.
 */
final class RefreshingCache<V> {

    static final long TTL_NANOS = 1_000_000_000L;
    private static final int MAX_ENTRIES = 10_000;

    private record Entry<V>(V value, long fetchedNanos) {
    }

    private final Function<String, Future<V>> fetch;
    private final Map<String, Entry<V>> entries = new ConcurrentHashMap<>();

    /** {@code fetch}: the value of a key now (may be null: nothing there). */
    RefreshingCache(Function<String, Future<V>> fetch) {
        this.fetch = fetch;
    }

    /** The value last fetched for a key, or null. */
    V get(String key) {
        Entry<V> entry = entries.get(key);
        return entry == null ? null : entry.value();
    }

    /** Makes sure every key's value is fresh; fails with the first fetch that failed. */
    Future<Void> load(Collection<String> keys) {
        long now = System.nanoTime();
        List<Future<Void>> loads = new ArrayList<>();
        for (String key : keys) {
            Entry<V> entry = entries.get(key);
            if (entry == null || now - entry.fetchedNanos() > TTL_NANOS) {
                loads.add(fetch.apply(key).map(value -> {
                    entries.put(key, new Entry<>(value, now));
                    if (entries.size() > MAX_ENTRIES) {
                        entries.clear();
                    }
                    return null;
                }));
            }
        }
        return loads.isEmpty() ? Future.succeededFuture() : Future.all(loads).mapEmpty();
    }
}
