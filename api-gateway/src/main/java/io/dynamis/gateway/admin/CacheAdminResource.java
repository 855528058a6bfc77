package io.dynamis.gateway.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.json.Json;
import io.dynamis.gateway.accelerator.CacheClusterClient;
import io.dynamis.gateway.accelerator.LocalItemHits;
import io.dynamis.gateway.routing.OwningService;
import io.dynamis.gateway.routing.ServiceClients;
import io.vertx.core.http.HttpMethod;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The accelerator's part of the admin API: {@code GET /admin/cache/stats} (the numbers of every
 * cache-service member: hits, misses, entries, memory, evictions, invalidation lag) and
 * {@code POST /admin/cache/flush?table=NAME} (drops the table's cached items and query pages in the
 * whole cluster), served from cache-service's internal routes, behind {@link AdminGate}
 * ({@code dynamis:AdminCache}) like the rest of the admin API.
 */
@Path("cache")
@Tag(name = "Accelerator cache")
public class CacheAdminResource {

    private final ServiceClients services;
    private final LocalItemHits localHits;
    private final CacheClusterClient cluster;

    public CacheAdminResource(ServiceClients services, LocalItemHits localHits, CacheClusterClient cluster) {
        this.services = services;
        this.localHits = localHits;
        this.cluster = cluster;
    }

    @GET
    @Path("stats")
    @Operation(summary = "The accelerator's numbers: the GetItem hits the gateway answered from its near cache, then per"
            + " cache-service member: item and query cache hits, misses, bypasses, hit ratio, entries, memory,"
            + " evictions, expirations, and the change-log invalidation lag")
    @APIResponse(responseCode = "200", description = "{\"gateway\": {...}, \"members\": [{...}, ...]}",
            content = @Content(mediaType = "application/json"))
    @APIResponse(responseCode = "401", description = "No or wrong admin credentials")
    public CompletionStage<Response> stats() {
        return services.each(OwningService.CACHE, HttpMethod.GET, "/internal/cache/stats").map(result -> {
            ObjectNode answer = Json.object();
            answer.set("gateway", gatewayStats());
            ArrayNode members = answer.putArray("members");
            for (io.dynamis.core.protocol.ServiceAnswer member : result) {
                members.add(member.status() == 200 ? Json.readTree(member.body().getBytes())
                        : Json.object().put("error", member.body().toString()));
            }
            return AdminJson.answer(200, answer);
        }).toCompletionStage();
    }

    @POST
    @Path("flush")
    @Operation(summary = "Drops a table's cached items and query pages in the whole cache cluster (every table"
            + " without the parameter)")
    @APIResponse(responseCode = "200", description = "Flushed", content = @Content(mediaType = "application/json"))
    @APIResponse(responseCode = "401", description = "No or wrong admin credentials")
    public CompletionStage<Response> flush(@Parameter(description = "the table; every table without it")
            @QueryParam("table") String table) {
        String uri = "/internal/cache/flush" + (table == null ? ""
                : "?table=" + URLEncoder.encode(table, StandardCharsets.UTF_8));
        return services.each(OwningService.CACHE, HttpMethod.POST, uri).map(result -> {
            io.dynamis.core.protocol.ServiceAnswer answer = result.stream().filter(a -> a.status() != 503).findFirst()
                    .orElse(result.get(0));
            return Response.status(answer.status()).type("application/json").entity(answer.body().getBytes()).build();
        }).toCompletionStage();
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
