package io.dynamis.query.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.error.ApiError;
import io.dynamis.core.error.ForwardedError;
import io.dynamis.core.json.Json;
import io.dynamis.core.protocol.PooledServiceClient;
import io.dynamis.core.roles.Role;
import io.dynamis.core.roles.ServiceChannel;
import io.dynamis.core.roles.ServiceChannels;
import io.dynamis.query.config.QueryServiceConfig;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;

/**
 * query-service's one way to item-service (a method call in one process, else {@link PooledServiceClient}:
 * pooled keep-alive connections, sent from an event loop): reads through its internal
 * {@code DynamisReadItems} operation, and the catalog calls of {@link io.dynamis.query.catalog.CatalogClient}. An answer is its DynamoDB response body; an
 * error item-service answered comes back as a {@link ForwardedError} (passed to the client unchanged);
 * item-service unreachable or too slow is a 503 ServiceUnavailableException, which SDKs retry.
 */
@ApplicationScoped
public class ItemServiceClient {

    /** The internal operation of item-service that executes a Query or Scan on its shard. */
    static final String READ_ITEMS = "DynamisReadItems";

    /** The internal operation of item-service that tells its last durable sequence number. */
    static final String DURABLE_SEQUENCE = "DynamisDurableSequence";

    private final ServiceChannel itemService;

    public ItemServiceClient(ServiceChannels channels, Vertx vertx, QueryServiceConfig config) {
        this.itemService = channels.to(Role.ITEM, () -> new PooledServiceClient(vertx, "item-service",
                config.itemServiceUrl(), config.itemServiceConnections(), config.readTimeoutMillis()));
    }

    /** Executes any operation of item-service, waiting for its answer (never call this on an event loop). */
    public ObjectNode callAndWait(String operation, ObjectNode request) {
        return itemService.callAndWait(operation, request);
    }

    /**
     * Item-service's last durable change-log sequence number, {@code {shard, sequence}}: every write it
     * acknowledged before this call is at or below it (its internal {@code DynamisDurableSequence}, which
     * does not go through its writer; a method call in one process, one HTTP round trip otherwise).
     */
    public CompletionStage<long[]> durableSequence() {
        return itemService.call(DURABLE_SEQUENCE, Json.object()).thenApply(answer -> new long[] {
                answer.path("Shard").asLong(), answer.path("DurableSequence").asLong()});
    }

    /**
     * Executes a Query or Scan (named by {@code operation}) on item-service; completes with the response
     * body of its shard, or fails with an {@link ApiError}.
     */
    public CompletionStage<ObjectNode> read(String operation, ObjectNode request) {
        ObjectNode body = Json.object();
        body.put("Operation", operation);
        body.set("Request", request);
        return itemService.call(READ_ITEMS, body);
    }
}
