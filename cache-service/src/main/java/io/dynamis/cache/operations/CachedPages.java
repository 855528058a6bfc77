package io.dynamis.cache.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.cache.client.Backend;
import io.dynamis.cache.client.BackendClient;
import io.dynamis.core.cache.CacheKeys;
import io.dynamis.cache.store.CacheMetrics;
import io.dynamis.cache.store.CacheWork;
import io.dynamis.cache.store.QueryCache;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Query and Scan through the accelerator: a page is answered from the query cache when the same
 * request (normalized, see {@link CacheKeys#page}) was answered since the table's last change;
 * otherwise query-service answers it and the page is cached. Errors are never cached; a strongly
 * consistent read goes straight through, uncached.
 */
@ApplicationScoped
public class CachedPages {

    private final QueryCache pages;
    private final BackendClient backends;
    private final CacheMetrics metrics;
    private final CacheWork work;

    public CachedPages(QueryCache pages, BackendClient backends, CacheMetrics metrics, CacheWork work) {
        this.pages = pages;
        this.backends = backends;
        this.metrics = metrics;
        this.work = work;
    }

    /** The page the request asks for ({@code operation}: Query or Scan). */
    public CompletionStage<ObjectNode> read(String operation, ObjectNode request) {
        JsonNode tableName = request.get("TableName");
        JsonNode consistent = request.get("ConsistentRead");
        if (tableName == null || !tableName.isTextual() || (consistent != null && !consistent.isBoolean())
                || (consistent != null && consistent.booleanValue())) {
            metrics.bypass(CacheMetrics.Cache.QUERY);
            return backends.send(Backend.QUERY, operation, request); // uncached; query-service words any error
        }
        String table = tableName.textValue();
        String key = CacheKeys.page(operation, request);
        return pages.generationAsync(table).thenCompose(generation -> pages.getAsync(table, generation, key)
                .thenCompose(cached -> {
                    if (cached != null) {
                        metrics.hit(CacheMetrics.Cache.QUERY);
                        return CompletableFuture.completedFuture(cached);
                    }
                    metrics.miss(CacheMetrics.Cache.QUERY);
                    return backends.send(Backend.QUERY, operation, request).thenApplyAsync(page -> {
                        pages.put(table, generation, key, page);
                        return page;
                    }, work);
                }));
    }
}
