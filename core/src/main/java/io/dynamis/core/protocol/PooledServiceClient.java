package io.dynamis.core.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.error.ApiError;
import io.dynamis.core.error.ForwardedError;
import io.dynamis.core.json.Json;
import io.dynamis.core.json.RawObject;
import io.dynamis.core.shard.ShardRouter;
import io.dynamis.core.roles.ServiceChannel;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.impl.VertxInternal;
import io.vertx.core.http.HttpClientRequest;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one HTTP client between services: another service's DynamoDB endpoint, called without blocking over
 * pooled keep-alive HTTP/1.1 connections (a pool per event loop that sends: {@link EventLoopClients}). {@link #call} answers the response body, an error the service
 * answered coming back as a {@link ForwardedError} (the one decoder of forwarded errors); {@link #forward}
 * passes a request body through unparsed and answers status and body unchanged (the gateway's path). A
 * service unreachable or too slow is a 503 ServiceUnavailableException, which SDKs retry.
 *
 * <p>A service may have several instances (the members of cache-service): requests go to the one that
 * last served; when no connection to it can be made, the next one is tried, and serves from then on.
 * Only a request that was never sent moves on, so no write is ever sent twice.
 *
 * <p>Every request is sent from an event loop. Sent from another thread (a service's own executor, after
 * a cluster or store read), the Vert.x HTTP client now and then handed back a 200 whose body was lost
 * (an empty buffer), seen as an InternalServerError under load; a call made off the event loops is
 * therefore handed to one of a few event-loop contexts first.
 */
public final class PooledServiceClient implements ServiceChannel {

    /** One instance of the service, with a client per event loop that sends to it ({@link EventLoopClients}). */
    private record Endpoint(EventLoopClients clients, String host, int port, String path) {
        HttpClient client() {
            return clients.current();
        }
    }

    private final String serviceName;
    private final List<Endpoint> endpoints;
    private final AtomicInteger current = new AtomicInteger();
    private final long timeoutMillis;
    private final Vertx vertx;
    private final AtomicInteger nextContext = new AtomicInteger();
    private volatile Context[] contexts;

    public PooledServiceClient(Vertx vertx, String serviceName, String url, int connections, long timeoutMillis) {
        this(vertx, serviceName, List.of(url), connections, timeoutMillis);
    }

    /** A client of a service with several instances, tried in order when one cannot be reached. */
    public PooledServiceClient(Vertx vertx, String serviceName, List<String> urls, int connections, long timeoutMillis) {
        this.vertx = vertx;
        this.serviceName = serviceName;
        this.timeoutMillis = timeoutMillis;
        List<Endpoint> made = new ArrayList<>();
        for (String url : urls) {
            URI uri = URI.create(url.trim());
            HttpClientOptions options = new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true).setConnectTimeout(5000);
            made.add(new Endpoint(new EventLoopClients(vertx, options, connections),
                    uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 80,
                    uri.getPath() == null || uri.getPath().isEmpty() ? "/" : uri.getPath()));
        }
        if (made.isEmpty()) {
            throw new IllegalArgumentException(serviceName + " needs at least one URL");
        }
        this.endpoints = List.copyOf(made);
    }

    public String serviceName() {
        return serviceName;
    }

    /**
     * Sends a DynamoDB request body as it came (never parsed, never copied) with its {@code X-Amz-Target};
     * completes with the service's status and body unchanged, or fails with a 503 ServiceUnavailableException
     * when the service cannot be reached or does not answer in time. Called on an event loop.
     */
    public Future<ServiceAnswer> forward(String target, String requestId, Buffer body) {
        RequestOptions request = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setTimeout(timeoutMillis)
                .putHeader("Content-Type", WireResponses.CONTENT_TYPE)
                .putHeader(AmzTarget.HEADER, target);
        if (requestId != null) {
            request.putHeader("x-amzn-RequestId", requestId);
        }
        if (InternalAuth.token() != null) {
            request.putHeader(InternalAuth.HEADER, InternalAuth.token());
        }
        return connect(request)
                .compose(req -> req.send(body))
                .compose(response -> response.body().map(b -> new ServiceAnswer(response.statusCode(), b)))
                .recover(failure -> Future.failedFuture(ApiError.serviceUnavailable(
                        serviceName + " is not available: " + failure.getMessage())));
    }

    /** Sends any HTTP request to every instance (operator routes); one answer per instance, 503 for one not reached. */
    public Future<List<ServiceAnswer>> each(HttpMethod method, String uri) {
        List<Future<ServiceAnswer>> answers = new ArrayList<>();
        for (Endpoint endpoint : endpoints) {
            RequestOptions request = new RequestOptions().setMethod(method).setHost(endpoint.host())
                    .setPort(endpoint.port()).setURI(uri).setTimeout(timeoutMillis);
            if (InternalAuth.token() != null) {
                request.putHeader(InternalAuth.HEADER, InternalAuth.token());
            }
            answers.add(endpoint.client().request(request)
                    .compose(HttpClientRequest::send)
                    .compose(response -> response.body().map(b -> new ServiceAnswer(response.statusCode(), b)))
                    .recover(failure -> Future.succeededFuture(new ServiceAnswer(503, Buffer.buffer(
                            "{\"message\":\"" + endpoint.host() + ":" + endpoint.port() + " is not available\"}")))));
        }
        return Future.all(answers).map(all -> answers.stream().map(Future::result).toList());
    }

    /** A connection to the serving instance, or to the next one that accepts one. */
    private Future<HttpClientRequest> connect(RequestOptions request) {
        return connect(request, current.get(), endpoints.size());
    }

    private Future<HttpClientRequest> connect(RequestOptions request, int index, int triesLeft) {
        Endpoint endpoint = endpoints.get(index % endpoints.size());
        request.setHost(endpoint.host()).setPort(endpoint.port()).setURI(endpoint.path());
        return endpoint.client().request(request).recover(failure -> {
            if (triesLeft <= 1) {
                return Future.failedFuture(failure);
            }
            int next = (index + 1) % endpoints.size();
            current.compareAndSet(index % endpoints.size(), next);
            return connect(request, next, triesLeft - 1);
        });
    }

    /** Executes the operation (DynamoDB's or an internal one) on the service; completes with its answer. */
    @Override
    public CompletionStage<ObjectNode> call(String operation, ObjectNode request) {
        if (Context.isOnEventLoopThread()) {
            return send(operation, request).toCompletionStage();
        }
        Promise<ObjectNode> answer = Promise.promise();
        Context[] loops = eventLoops();
        loops[Math.floorMod(nextContext.getAndIncrement(), loops.length)]
                .runOnContext(v -> send(operation, request).onComplete(answer));
        return answer.future().toCompletionStage();
    }

    private Future<ObjectNode> send(String operation, ObjectNode request) {
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setTimeout(timeoutMillis)
                .putHeader("Content-Type", WireResponses.CONTENT_TYPE)
                .putHeader(AmzTarget.HEADER, AmzTarget.DYNAMODB + "." + operation);
        if (InternalAuth.token() != null) {
            options.putHeader(InternalAuth.HEADER, InternalAuth.token());
        }
        // a page asked for to be passed on unread (ShardRouter.RAW_ITEMS) is kept as the bytes that came
        boolean passedOn = request.path(ShardRouter.RAW_ITEMS).asBoolean(false);
        return connect(options)
                .compose(req -> req.send(Buffer.buffer(Json.toBytes(request))))
                .compose(response -> response.body().map(body -> new Answer(response.statusCode(), body)))
                .recover(failure -> Future.failedFuture(ApiError.serviceUnavailable(
                        serviceName + " is not available: " + failure.getMessage())))
                .map(answer -> passedOn && answer.status() == 200 ? RawObject.of(answer.body().getBytes())
                        : ForwardedError.answerOf(serviceName, answer.status(), answer.body().getBytes()));
    }

    private record Answer(int status, Buffer body) {
    }

    /** A few event-loop contexts, made on first use. */
    private Context[] eventLoops() {
        Context[] made = contexts;
        if (made == null) {
            synchronized (this) {
                if (contexts == null) {
                    Context[] fresh = new Context[Math.max(1, Runtime.getRuntime().availableProcessors())];
                    for (int i = 0; i < fresh.length; i++) {
                        fresh[i] = ((VertxInternal) vertx).createEventLoopContext();
                    }
                    contexts = fresh;
                }
                made = contexts;
            }
        }
        return made;
    }
}
