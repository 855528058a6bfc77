package io.dynamis.backup.archive;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * A background task of backup-service run again and again on a daemon thread of its own, with a pause
 * between two runs; a run that fails is logged and the next one comes as usual.
 */
public final class PeriodicTask implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(PeriodicTask.class);

    private final ScheduledExecutorService timer;

    private PeriodicTask(String name, Duration pause, Runnable task) {
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, name);
            thread.setDaemon(true);
            return thread;
        });
        long every = pause.toMillis();
        timer.scheduleWithFixedDelay(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.warnf("%s failed: %s; trying again in %s", name, e.toString(), pause);
            }
        }, every, every, TimeUnit.MILLISECONDS);
    }

    public static PeriodicTask start(String name, Duration pause, Runnable task) {
        return new PeriodicTask(name, pause, task);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
