package io.dynamis.cache.store;

import io.dynamis.cache.cluster.CacheCluster;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tables the accelerator has cached something of since the cluster formed: change-log coherence has
 * nothing to do for any other table, so a write to a table nobody reads through the accelerator costs the
 * cache nothing (no entry encoded, no partition operation, no query generation moved on).
 *
 * <p>A table is marked before its first fill marker is placed ({@link ItemCache#begin}) and before its
 * first query generation is read ({@link QueryCache#generationAsync}), in the cluster's map
 * {@value CacheCluster#ACCELERATED_TABLES}, synchronously. A change that coherence sees the table unmarked for
 * was committed before coherence looked, so before the mark, before any fill or page read of that table:
 * those reads see the change, and there is nothing to invalidate. Once seen marked, a table stays marked
 * in this member's memory too (marks are never removed: a table dropped and created again keeps its mark,
 * which only costs coherence its usual work), so each member asks the cluster at most once per batch for a
 * table it has not seen marked.
 */
@ApplicationScoped
public class AcceleratedTables {

    private final CacheCluster cluster;
    private final Set<String> marked = ConcurrentHashMap.newKeySet();

    public AcceleratedTables(CacheCluster cluster) {
        this.cluster = cluster;
    }

    /** Marks the table before anything of it is cached; blocks only the first time in this member. */
    public void mark(String table) {
        if (!marked.contains(table)) {
            cluster.acceleratedTables().set(table, Boolean.TRUE);
            marked.add(table);
        }
    }

    /** {@link #mark} without blocking: completes once the mark is in the cluster (at once when known here). */
    public CompletionStage<Void> markAsync(String table) {
        if (marked.contains(table)) {
            return CompletableFuture.completedFuture(null);
        }
        return cluster.acceleratedTables().setAsync(table, Boolean.TRUE).thenRun(() -> marked.add(table));
    }

    /** False when nothing of the table can be cached anywhere in the cluster (it was never marked). */
    public boolean mayHoldEntries(String table) {
        if (marked.contains(table)) {
            return true;
        }
        if (cluster.acceleratedTables().containsKey(table)) {
            marked.add(table);
            return true;
        }
        return false;
    }
}
