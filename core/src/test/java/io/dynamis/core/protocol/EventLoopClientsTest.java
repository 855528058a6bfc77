package io.dynamis.core.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.netty.channel.EventLoop;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.impl.ContextInternal;
import io.vertx.core.impl.VertxInternal;
import io.vertx.core.net.impl.ConnectionBase;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A request to another service is written and answered on the event loop that sent it. */
class EventLoopClientsTest {

    private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
    private int port;

    @BeforeEach
    void serve() throws Exception {
        HttpServer server = vertx.createHttpServer().requestHandler(request -> request.response().end("ok"));
        port = server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS)
                .actualPort();
    }

    @AfterEach
    void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** Sends one request from the context and answers the event loop of the connection it went out on. */
    private EventLoop connectionLoopOfRequestFrom(EventLoopClients clients, Context context) throws Exception {
        CompletableFuture<EventLoop> loop = new CompletableFuture<>();
        context.runOnContext(v -> clients.current()
                .request(new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1").setPort(port).setURI("/"))
                .compose(request -> {
                    EventLoop connectionLoop = ((ConnectionBase) request.connection()).channel().eventLoop();
                    return request.send().compose(response -> response.body()).map(body -> connectionLoop);
                })
                .onComplete(done -> {
                    if (done.succeeded()) {
                        loop.complete(done.result());
                    } else {
                        loop.completeExceptionally(done.cause());
                    }
                }));
        EventLoop used = loop.get(10, TimeUnit.SECONDS);
        // the connection goes back to its pool on its own loop, in the task that read the answer's end: a task
        // queued there after it runs once it is idle again
        CompletableFuture<Void> recycled = new CompletableFuture<>();
        used.execute(() -> recycled.complete(null));
        recycled.get(10, TimeUnit.SECONDS);
        return used;
    }

    @Test
    void aRequestGoesOutOnAConnectionOfTheLoopThatSentIt() throws Exception {
        EventLoopClients clients = new EventLoopClients(vertx, new HttpClientOptions().setKeepAlive(true), 4);
        ContextInternal first = ((VertxInternal) vertx).createEventLoopContext();
        ContextInternal second = ((VertxInternal) vertx).createEventLoopContext();
        assertNotSame(first.nettyEventLoop(), second.nettyEventLoop());

        // the first loop's connection is idle in a pool when the second loop sends: it is not the one used
        assertSame(first.nettyEventLoop(), connectionLoopOfRequestFrom(clients, first));
        assertSame(second.nettyEventLoop(), connectionLoopOfRequestFrom(clients, second));
        assertSame(first.nettyEventLoop(), connectionLoopOfRequestFrom(clients, first));
    }

    @Test
    void eachLoopHasItsOwnClientAndOtherThreadsShareOne() throws Exception {
        EventLoopClients clients = new EventLoopClients(vertx, new HttpClientOptions(), 4);
        ContextInternal first = ((VertxInternal) vertx).createEventLoopContext();
        ContextInternal second = ((VertxInternal) vertx).createEventLoopContext();
        CompletableFuture<Object> onFirst = new CompletableFuture<>();
        CompletableFuture<Object> onFirstAgain = new CompletableFuture<>();
        CompletableFuture<Object> onSecond = new CompletableFuture<>();
        first.runOnContext(v -> onFirst.complete(clients.current()));
        first.runOnContext(v -> onFirstAgain.complete(clients.current()));
        second.runOnContext(v -> onSecond.complete(clients.current()));
        assertSame(onFirst.get(10, TimeUnit.SECONDS), onFirstAgain.get(10, TimeUnit.SECONDS));
        assertNotSame(onFirst.get(10, TimeUnit.SECONDS), onSecond.get(10, TimeUnit.SECONDS));
        assertEquals(clients.current(), clients.current()); // this test's thread is on no event loop
        assertNotSame(onFirst.get(10, TimeUnit.SECONDS), clients.current());
    }
}
