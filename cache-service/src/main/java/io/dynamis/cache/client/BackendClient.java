package io.dynamis.cache.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.cache.config.CacheConfig;
import io.dynamis.core.error.ApiError;
import io.dynamis.core.error.ForwardedError;
import io.dynamis.core.protocol.PooledServiceClient;
import io.dynamis.core.roles.Role;
import io.dynamis.core.roles.ServiceChannel;
import io.dynamis.core.roles.ServiceChannels;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * Sends DynamoDB requests the cache does not answer itself to item-service or query-service (method calls
 * when this process plays their roles, else {@link PooledServiceClient}: pooled keep-alive connections,
 * sent from an event loop). An error the
 * service answered comes back as a {@link ForwardedError} (passed to the client unchanged); a service
 * unreachable or too slow is a 503 ServiceUnavailableException, which SDKs retry.
 */
@ApplicationScoped
public class BackendClient {

    private final Map<Backend, ServiceChannel> services = new EnumMap<>(Backend.class);

    public BackendClient(ServiceChannels channels, Vertx vertx, CacheConfig config) {
        add(channels, vertx, config, Backend.ITEM, Role.ITEM, config.itemServiceUrl());
        add(channels, vertx, config, Backend.QUERY, Role.QUERY, config.queryServiceUrl());
    }

    private void add(ServiceChannels channels, Vertx vertx, CacheConfig config, Backend backend, Role role, String url) {
        services.put(backend, channels.to(role, () -> new PooledServiceClient(vertx, backend.displayName(), url,
                config.connectionsPerService(), config.forwardTimeoutMillis())));
    }

    /** Executes the operation on the service; completes with its response body or fails with an {@link ApiError}. */
    public CompletionStage<ObjectNode> send(Backend backend, String operation, ObjectNode request) {
        return services.get(backend).call(operation, request);
    }
}
