package io.dynamis.gateway.rest;

import io.dynamis.core.error.ApiError;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;

/**
 * A real Vert.x HTTP server on 127.0.0.1 (a free port) whose handler runs one of the gateway's request checks on
 * the request as it arrived, and answers 200 with what the check returned, or the ApiError it threw as
 * {@code <status> <type>: <message>}; requests are sent by the JDK's HTTP client.
 */
final class LoopbackServer implements AutoCloseable {

    /** A check of the request and its body; returns what the answer body should say when it passes. */
    interface Check {
        String apply(HttpServerRequest request, Buffer body);
    }

    record Answer(int status, String body) {
    }

    private final Vertx vertx = Vertx.vertx();
    private final HttpServer server;
    private final HttpClient client = HttpClient.newHttpClient();

    LoopbackServer(Check check) throws Exception {
        server = vertx.createHttpServer().requestHandler(request -> request.body().onComplete(body -> {
            try {
                request.response().setStatusCode(200).end(check.apply(request, body.result()));
            } catch (ApiError e) {
                request.response().setStatusCode(e.code().status())
                        .end(e.code().errorName() + ": " + e.getMessage());
            }
        })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** Sends the request, built on {@code /} of this server, and returns the answer. */
    Answer send(String pathAndQuery, HttpRequest.Builder request) throws Exception {
        HttpResponse<String> response = client.send(request.uri(URI.create("http://127.0.0.1:" + server.actualPort()
                + pathAndQuery)).build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body());
    }

    @Override
    public void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
