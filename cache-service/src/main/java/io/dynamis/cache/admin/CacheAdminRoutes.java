package io.dynamis.cache.admin;

import io.dynamis.cache.cluster.CacheCluster;
import io.dynamis.cache.coherence.ChangeLogInvalidator;
import io.dynamis.cache.store.CacheMetrics;
import io.dynamis.cache.store.ItemCache;
import io.dynamis.cache.store.QueryCache;
import io.dynamis.core.json.Json;
import io.dynamis.core.roles.Plays;
import io.dynamis.core.roles.Role;
import io.dynamis.core.roles.RoleEvents.RoleRoutes;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import java.util.TreeMap;

/**
 * The accelerator's operator routes, internal (the gateway serves them as {@code /admin/cache/...}):
 * {@code GET /internal/cache/stats} (this member's numbers, see {@link CacheMetrics}) and
 * {@code POST /internal/cache/flush?table=NAME} (drops the table's cached items and pages in the whole
 * cluster).
 */
@ApplicationScoped
public class CacheAdminRoutes {

    private final CacheMetrics metrics;
    private final ItemCache items;
    private final QueryCache pages;
    private final CacheCluster cluster;
    private final ChangeLogInvalidator invalidator;

    public CacheAdminRoutes(CacheMetrics metrics, ItemCache items, QueryCache pages, CacheCluster cluster,
            ChangeLogInvalidator invalidator) {
        this.invalidator = invalidator;
        this.metrics = metrics;
        this.items = items;
        this.pages = pages;
        this.cluster = cluster;
    }

    void mount(@Observes @Plays(Role.CACHE) RoleRoutes routes, Vertx vertx) {
        Router router = routes.router();
        router.route("/internal/cache/*").handler(ctx -> {
            if (io.dynamis.core.protocol.InternalAuth.allows(ctx.request().getHeader(io.dynamis.core.protocol.InternalAuth.HEADER))) {
                ctx.next();
            } else {
                ctx.response().setStatusCode(401).putHeader("Content-Type", "application/json")
                        .end("{\"message\":\"internal route: verify mode needs the internal token\"}");
            }
        });
        router.get("/internal/cache/stats").handler(ctx -> blocking(vertx, ctx, () -> {
            Map<String, Object> snapshot = metrics.snapshot();
            snapshot.put("pendingChangeRecords", invalidator.pendingRecords());
            snapshot.put("pendingChangeRecordsMeasuredAt", invalidator.pendingRecordsMeasuredAt());
            return snapshot;
        }));
        router.post("/internal/cache/flush").handler(ctx -> {
            String table = ctx.request().getParam("table");
            if (table == null || table.isBlank()) {
                ctx.response().setStatusCode(400).putHeader("Content-Type", "application/json")
                        .end("{\"message\":\"the query parameter 'table' is required\"}");
                return;
            }
            blocking(vertx, ctx, () -> {
                long itemEntries = cluster.itemMap(table).size();
                items.flush(table);
                pages.flush(table);
                Map<String, Object> answer = new TreeMap<>();
                answer.put("table", table);
                answer.put("flushedItemEntries", itemEntries);
                return answer;
            });
        });
    }

    private static void blocking(Vertx vertx, RoutingContext ctx, java.util.concurrent.Callable<Map<String, Object>> work) {
        vertx.executeBlocking(work, false).onComplete(result -> {
            if (result.succeeded()) {
                ctx.response().putHeader("Content-Type", "application/json").end(new String(Json.toBytes(result.result()),
                        java.nio.charset.StandardCharsets.UTF_8));
            } else {
                ctx.response().setStatusCode(500).putHeader("Content-Type", "application/json")
                        .end("{\"message\":\"" + result.cause().getMessage() + "\"}");
            }
        });
    }
}
