package io.dynamis.cache.store;

import io.dynamis.core.roles.Plays;
import io.dynamis.core.roles.Role;
import io.dynamis.core.roles.RoleEvents.RoleStop;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Threads for the cache work that follows a forwarded request (filling or invalidating entries): the
 * answer of item-service arrives on an event loop, which must not wait for the cluster.
 */
@ApplicationScoped
public class CacheWork implements Executor {

    private final AtomicInteger threads = new AtomicInteger();
    private final ExecutorService executor = Executors.newFixedThreadPool(16, task -> {
        Thread thread = new Thread(task, "cache-work-" + threads.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });

    @Override
    public void execute(Runnable command) {
        executor.execute(command);
    }

    void stop(@Observes @Plays(Role.CACHE) RoleStop event) {
        executor.shutdown();
    }
}
