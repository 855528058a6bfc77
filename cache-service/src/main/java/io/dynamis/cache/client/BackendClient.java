package io.dynamis.cache.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.cache.config.CacheConfig;
import io.dynamis.core.error.ApiError;
import io.dynamis.core.error.ForwardedError;
import io.dynamis.core.protocol.PooledServiceClient;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * Sends DynamoDB requests the cache does not answer itself to item-service or query-service
 * ({@link PooledServiceClient}: pooled keep-alive connections, sent from an event loop). An error the
 * service answered comes back as a {@link ForwardedError} (passed to the client unchanged); a service
 * unreachable or too slow is a 503 ServiceUnavailableException, which SDKs retry.
 */
@ApplicationScoped
public class BackendClient {

    private final Map<Backend, PooledServiceClient> services = new EnumMap<>(Backend.class);

    public BackendClient(Vertx vertx, CacheConfig config) {
        add(vertx, config, Backend.ITEM, config.itemServiceUrl());
        add(vertx, config, Backend.QUERY, config.queryServiceUrl());
    }

    private void add(Vertx vertx, CacheConfig config, Backend backend, String url) {
        services.put(backend, new PooledServiceClient(vertx, backend.displayName(), url,
                config.connectionsPerService(), config.forwardTimeoutMillis()));
    }

    /** Executes the operation on the service; completes with its response body or fails with an {@link ApiError}. */
    public CompletionStage<ObjectNode> send(Backend backend, String operation, ObjectNode request) {
        return services.get(backend).call(operation, request);
    }
}
