package io.dynamis.gateway.routing;

import io.dynamis.core.error.ApiError;
import io.dynamis.gateway.config.GatewayConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.EnumMap;
import java.util.Map;

/**
 * Forwards DynamoDB requests to the owning service over pooled keep-alive HTTP/1.1 connections, one
 * pool per service. A service that cannot be reached, or does not answer in time, is a 503
 * ServiceUnavailableException, which SDKs retry.
 */
@ApplicationScoped
public class ServiceClients {

    /** A service's answer: its status and body, passed through unchanged. */
    public record Answer(int status, Buffer body) {
    }

    private record Endpoint(HttpClient client, String host, int port) {
    }

    private final Map<OwningService, Endpoint> endpoints = new EnumMap<>(OwningService.class);
    private final long timeoutMillis;

    public ServiceClients(Vertx vertx, GatewayConfig config) {
        this.timeoutMillis = config.forwardTimeoutMillis();
        add(vertx, config, OwningService.ITEM, config.itemServiceUrl());
        add(vertx, config, OwningService.QUERY, config.queryServiceUrl());
        add(vertx, config, OwningService.CACHE, config.cacheServiceUrl());
        add(vertx, config, OwningService.BACKUP, config.backupServiceUrl());
    }

    private void add(Vertx vertx, GatewayConfig config, OwningService service, String url) {
        URI uri = URI.create(url);
        HttpClientOptions options = new HttpClientOptions()
                .setKeepAlive(true)
                .setTcpNoDelay(true)
                .setConnectTimeout(5000);
        PoolOptions pool = new PoolOptions().setHttp1MaxSize(config.connectionsPerService());
        HttpClient client = vertx.createHttpClient(options, pool);
        endpoints.put(service, new Endpoint(client, uri.getHost(), uri.getPort()));
    }

    /** Sends a DynamoDB request to the service; completes with its answer or fails with an ApiError. */
    public Future<Answer> forward(OwningService service, String target, String requestId, Buffer body) {
        Endpoint endpoint = endpoints.get(service);
        RequestOptions request = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setHost(endpoint.host())
                .setPort(endpoint.port())
                .setURI("/")
                .setTimeout(timeoutMillis)
                .putHeader("Content-Type", "application/x-amz-json-1.0")
                .putHeader("X-Amz-Target", target)
                .putHeader("x-amzn-RequestId", requestId);
        return endpoint.client().request(request)
                .compose(req -> req.send(body))
                .compose(response -> response.body().map(b -> new Answer(response.statusCode(), b)))
                .recover(failure -> Future.failedFuture(ApiError.serviceUnavailable(
                        service.displayName() + " is not available: " + failure.getMessage())));
    }
}
