package io.dynamis.query.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.error.ApiError;
import io.dynamis.core.error.ForwardedError;
import io.dynamis.core.json.Json;
import io.dynamis.core.protocol.AmzTarget;
import io.dynamis.core.protocol.EventLoopCalls;
import io.dynamis.query.config.QueryServiceConfig;
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
import java.util.concurrent.CompletionStage;

/**
 * Sends reads to item-service's internal {@code DynamisReadItems} operation over pooled keep-alive
 * HTTP/1.1 connections. An answer is its DynamoDB response body; an error item-service answered comes
 * back as a {@link ForwardedError} (passed to the client unchanged); item-service unreachable or too
 * slow is a 503 ServiceUnavailableException, which SDKs retry. Requests are always sent from an event
 * loop ({@link EventLoopCalls}).
 */
@ApplicationScoped
public class ItemServiceClient {

    /** The internal operation of item-service that executes a Query or Scan on its shard. */
    static final String READ_ITEMS = "DynamisReadItems";
    private static final String TARGET = "DynamoDB_20120810." + READ_ITEMS;

    private final HttpClient client;
    private final String host;
    private final int port;
    private final long timeoutMillis;
    private final EventLoopCalls eventLoop;

    public ItemServiceClient(Vertx vertx, QueryServiceConfig config) {
        this.eventLoop = new EventLoopCalls(vertx);
        URI uri = URI.create(config.itemServiceUrl());
        this.host = uri.getHost();
        this.port = uri.getPort() > 0 ? uri.getPort() : 80;
        this.timeoutMillis = config.readTimeoutMillis();
        HttpClientOptions options = new HttpClientOptions()
                .setKeepAlive(true)
                .setTcpNoDelay(true)
                .setConnectTimeout(5000);
        this.client = vertx.createHttpClient(options, new PoolOptions().setHttp1MaxSize(config.itemServiceConnections()));
    }

    /**
     * Executes a Query or Scan (named by {@code operation}) on item-service; completes with the response
     * body of its shard, or fails with an {@link ApiError}.
     */
    public CompletionStage<ObjectNode> read(String operation, ObjectNode request) {
        return eventLoop.run(() -> send(operation, request)).toCompletionStage();
    }

    private Future<ObjectNode> send(String operation, ObjectNode request) {
        ObjectNode body = Json.object();
        body.put("Operation", operation);
        body.set("Request", request);
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setHost(host)
                .setPort(port)
                .setURI("/")
                .setTimeout(timeoutMillis)
                .putHeader("Content-Type", "application/x-amz-json-1.0")
                .putHeader(AmzTarget.HEADER, TARGET);
        return client.request(options)
                .compose(req -> req.send(Buffer.buffer(Json.toBytes(body))))
                .compose(response -> response.body().map(b -> new Answer(response.statusCode(), b)))
                .recover(failure -> Future.failedFuture(ApiError.serviceUnavailable(
                        "item-service is not available: " + failure.getMessage())))
                .map(answer -> ForwardedError.answerOf("item-service", answer.status(), answer.body().getBytes()));
    }

    private record Answer(int status, Buffer body) {
    }
}
