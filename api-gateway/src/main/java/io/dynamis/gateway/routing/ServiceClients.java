package io.dynamis.gateway.routing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.error.ApiError;
import io.dynamis.core.json.Json;
import io.dynamis.core.protocol.AmzTarget;
import io.dynamis.core.protocol.PooledServiceClient;
import io.dynamis.core.protocol.ServiceAnswer;
import io.dynamis.core.roles.LocalChannel;
import io.dynamis.core.roles.ServiceChannel;
import io.dynamis.core.roles.ServiceChannels;
import io.dynamis.core.shard.ShardRouter;
import io.dynamis.gateway.config.GatewayConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * Forwards DynamoDB requests to the owning service: as a method call on its operation handler when this
 * process plays the service's role (the one-process topology: the body is parsed once, here, and nothing
 * is encoded in between), else with core's one HTTP client ({@link PooledServiceClient}: pooled keep-alive
 * connections, the body passed through unparsed; several instances of cache-service, failed over). Item
 * operations go through core's {@link ShardRouter}, which sends each to its item-service shard. A service
 * that cannot be reached, or does not answer in time, is a 503 ServiceUnavailableException, which SDKs retry.
 * A Query or Scan of a table goes straight to item-service when query-service is another process
 * ({@link DirectTableReads}).
 */
@ApplicationScoped
public class ServiceClients {

    private final Map<OwningService, PooledServiceClient> remote = new EnumMap<>(OwningService.class);
    private final ServiceChannel queryChannel;
    private final ServiceChannels channels;
    private final ShardRouter router;
    private final boolean directTableReads;

    public ServiceClients(Vertx vertx, GatewayConfig config, ServiceChannels channels, ShardRouter router) {
        this.channels = channels;
        this.router = router;
        this.directTableReads = config.directTableReads();
        add(vertx, config, OwningService.QUERY, List.of(config.queryServiceUrl()));
        add(vertx, config, OwningService.CACHE, config.cacheServiceUrl());
        add(vertx, config, OwningService.BACKUP, List.of(config.backupServiceUrl()));
        this.queryChannel = channels.to(OwningService.QUERY.role(), () -> remote.get(OwningService.QUERY));
    }

    private void add(Vertx vertx, GatewayConfig config, OwningService service, List<String> urls) {
        remote.put(service, new PooledServiceClient(vertx, service.displayName(), urls, config.connectionsPerService(),
                config.forwardTimeoutMillis()));
    }

    /**
     * The channel to call item-service's or query-service's operations with a request object and get its
     * response object (or its error as an ApiError): what the gateway's own operations (PartiQL) execute
     * through. Method calls when this process plays the role, else HTTP; item operations routed by shard.
     */
    public ServiceChannel channel(OwningService service) {
        return switch (service) {
            case ITEM -> router.items();
            case QUERY -> queryChannel;
            default -> throw new IllegalArgumentException("no operation channel to " + service);
        };
    }

    /** Sends a DynamoDB request to the service; completes with its answer or fails with an ApiError. */
    public Future<ServiceAnswer> forward(OwningService service, String target, String requestId, Buffer body) {
        if (service == OwningService.ITEM) {
            AmzTarget parsed = AmzTarget.parse(target);
            return router.forward(parsed == null ? "" : parsed.operation(), target, requestId, body, null);
        }
        LocalChannel local = channels.local(service.role());
        if (service == OwningService.QUERY && local == null && directTableReads) {
            AmzTarget parsed = AmzTarget.parse(target);
            if (parsed != null && DirectTableReads.applies(parsed.operation(), body.getBytes())) {
                return router.forward(ShardRouter.READ_ITEMS, DirectTableReads.TARGET, requestId,
                        DirectTableReads.readItemsBody(parsed.operation(), body), null);
            }
        }
        if (local != null) {
            ObjectNode request;
            try {
                request = Json.parseRequest(body.getBytes());
            } catch (ApiError e) {
                return Future.succeededFuture(ServiceAnswer.of(e));
            }
            return ServiceAnswer.of(local.call(AmzTarget.parse(target).operation(), request));
        }
        return remote.get(service).forward(target, requestId, body);
    }

    /** True when this process plays the service's role: its requests are method calls ({@link #callLocal}). */
    public boolean isLocal(OwningService service) {
        return channels.isLocal(service.role());
    }

    /**
     * Executes a client's parsed request on the handler of a role this process plays (item operations through
     * the router), its answer to be written straight back to the client
     * ({@link io.dynamis.core.protocol.Operation#executeForClient}); an error is answered as the service would
     * answer it over HTTP.
     */
    public Future<ServiceAnswer> callLocal(OwningService service, String operation, ObjectNode request) {
        return ServiceAnswer.of(service == OwningService.ITEM ? router.items().call(operation, request)
                : channels.local(service.role()).callForClient(operation, request));
    }

    /**
     * The answer an operation executed in this process completes with (its error answered as a service would
     * answer it over HTTP), completed on the caller's Vert.x context.
     */
    public static Future<ServiceAnswer> answerOf(CompletionStage<ObjectNode> execution) {
        return ServiceAnswer.of(execution);
    }

    /** Sends any HTTP request to every instance of the service (operator routes); one result per instance. */
    public Future<List<ServiceAnswer>> each(OwningService service, HttpMethod method, String uri) {
        return remote.get(service).each(method, uri);
    }
}
