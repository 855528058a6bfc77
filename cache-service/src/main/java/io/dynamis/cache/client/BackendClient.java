package io.dynamis.cache.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.cache.config.CacheConfig;
import io.dynamis.core.error.ApiError;
import io.dynamis.core.error.ForwardedError;
import io.dynamis.core.protocol.PooledServiceClient;
import io.dynamis.core.roles.Role;
import io.dynamis.core.roles.ServiceChannel;
import io.dynamis.core.roles.ServiceChannels;
import io.dynamis.core.shard.ShardRouter;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * Sends DynamoDB requests the cache does not answer itself to item-service, through the router (core's
 * {@link ShardRouter}: each request to its shard), or to query-service (a method call when this process
 * plays its role, else {@link PooledServiceClient}: pooled keep-alive connections). An error the
 * service answered comes back as a {@link ForwardedError} (passed to the client unchanged); a service
 * unreachable or too slow is a 503 ServiceUnavailableException, which SDKs retry.
 */
@ApplicationScoped
public class BackendClient {

    private final Map<Backend, ServiceChannel> services = new EnumMap<>(Backend.class);

    public BackendClient(ServiceChannels channels, ShardRouter router, Vertx vertx, CacheConfig config) {
        services.put(Backend.ITEM, router.items());
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
