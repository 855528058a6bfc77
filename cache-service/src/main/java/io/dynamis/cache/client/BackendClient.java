package io.dynamis.cache.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.cache.config.CacheConfig;
import io.dynamis.core.error.ApiError;
import io.dynamis.core.error.ForwardedError;
import io.dynamis.core.json.Json;
import io.dynamis.core.protocol.AmzTarget;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
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
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends DynamoDB requests the cache does not answer itself to item-service or query-service, over
 * pooled keep-alive HTTP/1.1 connections. An error the service answered comes back as a
 * {@link ForwardedError} (passed to the client unchanged); a service unreachable or too slow is a 503
 * ServiceUnavailableException, which SDKs retry.
 *
 * <p>Requests are always sent from a Vert.x event loop: one sent from another thread (a cache work
 * thread, after a cluster read) is handed to one of a few event-loop contexts first. Sent from a
 * plain thread, the Vert.x HTTP client now and then handed back a 200 with its body lost (an empty
 * buffer), which surfaced as an InternalServerError under load.
 */
@ApplicationScoped
public class BackendClient {

    private record Endpoint(HttpClient client, String host, int port) {
    }

    private final Map<Backend, Endpoint> endpoints = new EnumMap<>(Backend.class);
    private final long timeoutMillis;
    private final Vertx vertx;
    private final AtomicInteger nextContext = new AtomicInteger();
    private volatile Context[] contexts;

    public BackendClient(Vertx vertx, CacheConfig config) {
        this.vertx = vertx;
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
        if (Vertx.currentContext() != null) {
            return sendOnEventLoop(backend, operation, request).toCompletionStage();
        }
        Promise<ObjectNode> answer = Promise.promise();
        Context[] loops = eventLoops();
        loops[Math.floorMod(nextContext.getAndIncrement(), loops.length)]
                .runOnContext(v -> sendOnEventLoop(backend, operation, request).onComplete(answer));
        return answer.future().toCompletionStage();
    }

    /** A few event-loop contexts to send from, made on first use from a thread that is not Vert.x's. */
    private Context[] eventLoops() {
        Context[] made = contexts;
        if (made == null) {
            synchronized (this) {
                if (contexts == null) {
                    Context[] fresh = new Context[Math.max(1, Runtime.getRuntime().availableProcessors())];
                    for (int i = 0; i < fresh.length; i++) {
                        fresh[i] = vertx.getOrCreateContext(); // a new event-loop context on a non-Vert.x thread
                    }
                    contexts = fresh;
                }
                made = contexts;
            }
        }
        return made;
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
