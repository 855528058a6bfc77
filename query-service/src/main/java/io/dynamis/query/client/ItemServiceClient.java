package io.dynamis.query.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.error.ApiError;
import io.dynamis.core.error.ForwardedError;
import io.dynamis.core.json.Json;
import io.dynamis.core.protocol.PooledServiceClient;
import io.dynamis.query.config.QueryServiceConfig;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;

/**
 * Sends reads to item-service's internal {@code DynamisReadItems} operation ({@link PooledServiceClient}:
 * pooled keep-alive connections, sent from an event loop). An answer is its DynamoDB response body; an
 * error item-service answered comes back as a {@link ForwardedError} (passed to the client unchanged);
 * item-service unreachable or too slow is a 503 ServiceUnavailableException, which SDKs retry.
 */
@ApplicationScoped
public class ItemServiceClient {

    /** The internal operation of item-service that executes a Query or Scan on its shard. */
    static final String READ_ITEMS = "DynamisReadItems";

    private final PooledServiceClient itemService;

    public ItemServiceClient(Vertx vertx, QueryServiceConfig config) {
        this.itemService = new PooledServiceClient(vertx, "item-service", config.itemServiceUrl(),
                config.itemServiceConnections(), config.readTimeoutMillis());
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
