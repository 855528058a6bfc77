package io.dynamis.gateway.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.json.Json;
import io.dynamis.core.roles.Plays;
import io.dynamis.core.roles.Role;
import io.dynamis.core.roles.RoleEvents.RoleRoutes;
import io.dynamis.gateway.accelerator.CacheClusterClient;
import io.dynamis.gateway.accelerator.LocalItemHits;
import io.dynamis.gateway.routing.OwningService;
import io.dynamis.gateway.routing.ServiceClients;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The accelerator's part of the admin API: {@code GET /admin/cache/stats} (the numbers of every
 * cache-service member: hits, misses, entries, memory, evictions, invalidation lag) and
 * {@code POST /admin/cache/flush?table=NAME} (drops the table's cached items and query pages in the
 * whole cluster), served from cache-service's internal routes, behind the admin credentials
 * ({@link AdminAuth}) like the rest of the admin API.
 */
@ApplicationScoped
public class CacheAdminRoute {

    private final ServiceClients services;
    private final AdminAuth auth;
    private final LocalItemHits localHits;
    private final CacheClusterClient cluster;

    public CacheAdminRoute(ServiceClients services, AdminConfig config, LocalItemHits localHits, CacheClusterClient cluster,
            io.dynamis.gateway.auth.Security security) {
        this.services = services;
        this.auth = AdminAuth.of(config, security);
        this.localHits = localHits;
        this.cluster = cluster;
    }

    void mount(@Observes @Plays(Role.GATEWAY) RoleRoutes routes) {
        Router router = routes.router();
        router.route("/admin/cache/*").handler(auth::check);
        router.get("/admin/cache/stats").handler(ctx -> services
                .each(OwningService.CACHE, HttpMethod.GET, "/internal/cache/stats")
                .onComplete(result -> {
                    ObjectNode answer = Json.object();
                    answer.set("gateway", gatewayStats());
                    ArrayNode members = answer.putArray("members");
                    for (io.dynamis.core.protocol.ServiceAnswer member : result.result()) {
                        members.add(member.status() == 200 ? Json.readTree(member.body().getBytes())
                                : Json.object().put("error", member.body().toString()));
                    }
                    ctx.response().putHeader("Content-Type", "application/json").end(new String(Json.toBytes(answer),
                            StandardCharsets.UTF_8));
                }));
        router.post("/admin/cache/flush").handler(ctx -> {
            String table = ctx.request().getParam("table");
            String uri = "/internal/cache/flush" + (table == null ? ""
                    : "?table=" + URLEncoder.encode(table, StandardCharsets.UTF_8));
            services.each(OwningService.CACHE, HttpMethod.POST, uri).onComplete(result -> {
                io.dynamis.core.protocol.ServiceAnswer answer = result.result().stream().filter(a -> a.status() != 503).findFirst()
                        .orElse(result.result().get(0));
                ctx.response().setStatusCode(answer.status()).putHeader("Content-Type", "application/json")
                        .end(answer.body());
            });
        });
    }

    /** The hits the gateway answered itself, and its near cache of the item maps. */
    private ObjectNode gatewayStats() {
        ObjectNode gateway = Json.object();
        gateway.put("connected", cluster.connected());
        gateway.put("itemHits", localHits.hits());
        gateway.put("passedOn", localHits.passes());
        CacheClusterClient.NearCacheTotals near = cluster.nearCacheTotals();
        gateway.putObject("nearCache").put("tables", near.tables()).put("entries", near.entries())
                .put("hits", near.hits()).put("misses", near.misses()).put("invalidations", near.invalidations())
                .put("memoryBytes", near.memoryBytes());
        return gateway;
    }
}
