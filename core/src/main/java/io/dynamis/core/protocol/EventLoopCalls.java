package io.dynamis.core.protocol;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Runs calls of a Vert.x HTTP client on an event loop. Sent from another thread (a service's own
 * executor, after a cluster or store read), the client now and then handed back a 200 whose body was
 * lost (an empty buffer), seen as an InternalServerError under load; a call made off the event loops
 * is therefore handed to one of a few event-loop contexts first.
 */
public final class EventLoopCalls {

    private final Vertx vertx;
    private final AtomicInteger next = new AtomicInteger();
    private volatile Context[] contexts;

    public EventLoopCalls(Vertx vertx) {
        this.vertx = vertx;
    }

    /** The call's future: made here when on an event loop, else on one of the contexts. */
    public <T> Future<T> run(Supplier<Future<T>> call) {
        if (Context.isOnEventLoopThread()) {
            return call.get();
        }
        Promise<T> result = Promise.promise();
        Context[] loops = eventLoops();
        loops[Math.floorMod(next.getAndIncrement(), loops.length)].runOnContext(v -> {
            try {
                call.get().onComplete(result);
            } catch (RuntimeException e) {
                result.fail(e);
            }
        });
        return result.future();
    }

    /** A few event-loop contexts, made on first use from a thread that is not Vert.x's. */
    private Context[] eventLoops() {
        Context[] made = contexts;
        if (made == null) {
            synchronized (this) {
                if (contexts == null) {
                    Context[] fresh = new Context[Math.max(1, Runtime.getRuntime().availableProcessors())];
                    for (int i = 0; i < fresh.length; i++) {
                        fresh[i] = ((io.vertx.core.impl.VertxInternal) vertx).createEventLoopContext();
                    }
                    contexts = fresh;
                }
                made = contexts;
            }
        }
        return made;
    }
}
