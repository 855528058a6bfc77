package io.dynamis.cache.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.cache.cluster.CacheCluster;
import io.dynamis.core.json.Json;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;

/**
 * The query cache: per table, normalized Query or Scan request → its response page.
 *
 * <p>Coherence is by generation. Each table has a generation number in the cluster, and a page is
 * cached under its request <em>and</em> the generation read before the page was asked of
 * query-service. Any change of a table (from the change log, or a write through the accelerator) moves
 * its generation on, so every page cached before is never found again (it ages out by TTL or LRU); a
 * page read while a change was committed is stored under the old generation, never served. A table set
 * to TTL coherence keeps generation 0 and its pages live out their time to live, as in DAX.
 */
@ApplicationScoped
public class QueryCache {

    private final CacheCluster cluster;
    private final CacheWork work;
    private final AcceleratedTables accelerated;

    public QueryCache(CacheCluster cluster, CacheWork work, AcceleratedTables accelerated) {
        this.cluster = cluster;
        this.work = work;
        this.accelerated = accelerated;
    }

    /**
     * The table's current generation: read it before asking for a page, store the page under it. The
     * table is marked as accelerated first ({@link AcceleratedTables}), so its changes move the generation on.
     */
    public CompletionStage<Long> generationAsync(String table) {
        return accelerated.markAsync(table).thenCompose(marked -> ClusterReads.then(cluster.generations().getAsync(table),
                generation -> generation == null ? 0L : generation, work));
    }

    /** The cached page, or null; completes at once when the member's near cache holds it. */
    public CompletionStage<ObjectNode> getAsync(String table, long generation, String requestKey) {
        return ClusterReads.then(cluster.queryMap(table).getAsync(generation + "|" + requestKey),
                page -> page == null ? null : (ObjectNode) Json.readTree(page), work);
    }

    public void put(String table, long generation, String requestKey, ObjectNode page) {
        cluster.queryMap(table).set(generation + "|" + requestKey, Json.toBytes(page));
    }

    /** Makes every page cached so far for the table unreachable (when its pages follow its changes). */
    public void invalidate(String table) {
        if (cluster.queryCoherent(table)) {
            cluster.generations().executeOnKey(table, new NextGeneration());
        }
    }

    public void flush(String table) {
        cluster.queryMap(table).clear();
        cluster.generations().executeOnKey(table, new NextGeneration());
    }
}
