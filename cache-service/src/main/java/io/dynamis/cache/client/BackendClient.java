package io.dynamis.cache.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.cache.config.CacheConfig;
import io.dynamis.core.error.ApiError;
import io.dynamis.core.error.ForwardedError;
import io.dynamis.core.json.Json;
import io.dynamis.core.protocol.AmzTarget;
import io.dynamis.core.protocol.EventLoopCalls;
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
import java.util.concurrent.CompletionStage;

/**
 * Sends DynamoDB requests the cache does not answer itself to item-service or query-service, over
 * pooled keep-alive HTTP/1.1 connections. An error the service answered comes back as a
 * {@link ForwardedError} (passed to the client unchanged); a service unreachable or too slow is a 503
 * ServiceUnavailableException, which SDKs retry.
 * Requests are always sent from an event loop ({@link EventLoopCalls}).
 */
@ApplicationScoped
public class BackendClient {

    private record Endpoint(HttpClient client, String host, int port) {
    }

    private final Map<Backend, Endpoint> endpoints = new EnumMap<>(Backend.class);
    private final long timeoutMillis;
    private final EventLoopCalls eventLoop;

    public BackendClient(Vertx vertx, CacheConfig config) {
        this.eventLoop = new EventLoopCalls(vertx);
        this.timeoutMillis = config.forwardTimeoutMillis();
        add(vertx, config, Backend.ITEM, config.itemServiceUrl());
        add(vertx, config, Backend.QUERY, config.queryServiceUrl());
    }

    private void add(Vertx vertx, CacheConfig config, Backend backend, String url) {
        URI uri = URI.create(url);
        HttpClientOptions options = new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true).setConnectTimeout(5000);
        HttpClient client = vertx.createHttpClient(options, new PoolOptions().setHttp1MaxSize(config.connectionsPerService()));
        endpoints.put(backend, new Endpoint(client, uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 80));
    }

    /** Executes the operation on the service; completes with its response body or fails with an {@link ApiError}. */
    public CompletionStage<ObjectNode> send(Backend backend, String operation, ObjectNode request) {
        return eventLoop.run(() -> sendOnEventLoop(backend, operation, request)).toCompletionStage();
    }

    private Future<ObjectNode> sendOnEventLoop(Backend backend, String operation, ObjectNode request) {
        Endpoint endpoint = endpoints.get(backend);
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setHost(endpoint.host())
                .setPort(endpoint.port())
                .setURI("/")
                .setTimeout(timeoutMillis)
                .putHeader("Content-Type", "application/x-amz-json-1.0")
                .putHeader(AmzTarget.HEADER, AmzTarget.DYNAMODB + "." + operation);
        return endpoint.client().request(options)
                .compose(req -> req.send(Buffer.buffer(Json.toBytes(request))))
                .compose(response -> response.body().map(body -> new Answer(response.statusCode(), body)))
                .recover(failure -> Future.failedFuture(ApiError.serviceUnavailable(
                        backend.displayName() + " is not available: " + failure.getMessage())))
                .map(answer -> ForwardedError.answerOf(backend.displayName(), answer.status(), answer.body().getBytes()));
    }

    private record Answer(int status, Buffer body) {
    }
}
