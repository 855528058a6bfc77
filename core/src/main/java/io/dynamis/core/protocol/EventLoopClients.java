package io.dynamis.core.protocol;

import io.netty.channel.EventLoop;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.impl.ContextInternal;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The HTTP clients of one service instance: one per event loop that sends to it, each with its own pool of
 * keep-alive connections, made on that loop. So a request is written, and its answer read, on the event loop
 * that sent it.
 *
 * <p>Why not one client: Vert.x's pool hands a request the connection that answered last, whichever event loop
 * it belongs to, and a connection is only ever written and read on its own loop. A request sent from the other
 * loop was then handed over to be written there, and its answer handed back: two task hand-offs, each waking a
 * loop that may be asleep in its selector, for about half of what the gateway forwarded.
 *
 * <p>A caller on no event loop (a worker, a thread of no context) uses one shared client, as before.
 */
final class EventLoopClients {

    private final Vertx vertx;
    private final HttpClientOptions options;
    private final PoolOptions pool;
    private final HttpClient shared;
    private final ConcurrentHashMap<EventLoop, HttpClient> byLoop = new ConcurrentHashMap<>();

    /** Clients whose pools each keep up to {@code connections} keep-alive connections. */
    EventLoopClients(Vertx vertx, HttpClientOptions options, int connections) {
        this.vertx = vertx;
        this.options = options;
        this.pool = new PoolOptions().setHttp1MaxSize(connections);
        this.shared = vertx.createHttpClient(options, pool);
    }

    /** The client of the calling thread's event loop (made on first use), or the shared one off the event loops. */
    HttpClient current() {
        Context context = Vertx.currentContext();
        if (!(context instanceof ContextInternal internal) || !context.isEventLoopContext()) {
            return shared;
        }
        EventLoop loop = internal.nettyEventLoop();
        HttpClient client = byLoop.get(loop);
        return client != null ? client : byLoop.computeIfAbsent(loop, l -> vertx.createHttpClient(options, pool));
    }
}
