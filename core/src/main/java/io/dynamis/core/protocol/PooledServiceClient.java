package io.dynamis.core.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.error.ApiError;
import io.dynamis.core.error.ForwardedError;
import io.dynamis.core.json.Json;
import io.dynamis.core.roles.ServiceChannel;
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
import io.vertx.core.impl.VertxInternal;
import java.net.URI;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Another service's DynamoDB endpoint, called without blocking over pooled keep-alive HTTP/1.1
 * connections. An answer is the response body;
 * an error the service answered comes back as a {@link ForwardedError} (passed to the client unchanged);
 * a service unreachable or too slow is a 503 ServiceUnavailableException, which SDKs retry.
 *
 * <p>Every request is sent from an event loop. Sent from another thread (a service's own executor, after
 * a cluster or store read), the Vert.x HTTP client now and then handed back a 200 whose body was lost
 * (an empty buffer), seen as an InternalServerError under load; a call made off the event loops is
 * therefore handed to one of a few event-loop contexts first.
 */
public final class PooledServiceClient implements ServiceChannel {

    private final String serviceName;
    private final HttpClient client;
    private final String host;
    private final int port;
    private final String path;
    private final long timeoutMillis;
    private final Vertx vertx;
    private final AtomicInteger nextContext = new AtomicInteger();
    private volatile Context[] contexts;

    public PooledServiceClient(Vertx vertx, String serviceName, String url, int connections, long timeoutMillis) {
        URI uri = URI.create(url.trim());
        this.vertx = vertx;
        this.serviceName = serviceName;
        this.host = uri.getHost();
        this.port = uri.getPort() > 0 ? uri.getPort() : 80;
        this.path = uri.getPath() == null || uri.getPath().isEmpty() ? "/" : uri.getPath();
        this.timeoutMillis = timeoutMillis;
        HttpClientOptions options = new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true).setConnectTimeout(5000);
        this.client = vertx.createHttpClient(options, new PoolOptions().setHttp1MaxSize(connections));
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
                .setHost(host)
                .setPort(port)
                .setURI(path)
                .setTimeout(timeoutMillis)
                .putHeader("Content-Type", WireResponses.CONTENT_TYPE)
                .putHeader(AmzTarget.HEADER, AmzTarget.DYNAMODB + "." + operation);
        if (InternalAuth.token() != null) {
            options.putHeader(InternalAuth.HEADER, InternalAuth.token());
        }
        return client.request(options)
                .compose(req -> req.send(Buffer.buffer(Json.toBytes(request))))
                .compose(response -> response.body().map(body -> new Answer(response.statusCode(), body)))
                .recover(failure -> Future.failedFuture(ApiError.serviceUnavailable(
                        serviceName + " is not available: " + failure.getMessage())))
                .map(answer -> ForwardedError.answerOf(serviceName, answer.status(), answer.body().getBytes()));
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
