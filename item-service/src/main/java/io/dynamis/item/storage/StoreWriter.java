package io.dynamis.item.storage;

import io.dynamis.core.roles.Plays;
import io.dynamis.core.roles.Role;
import io.dynamis.core.roles.RoleEvents.RoleStop;
import io.dynamis.item.config.ItemServiceConfig;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import org.jboss.logging.Logger;

/**
 * The single writer of the item store, and its group commit.
 *
 * <p>Every change to the store is a {@link Mutation} submitted here. One thread takes mutations off the
 * queue in order, applies each, and commits the whole batch with one fsync; only then are the callers'
 * futures completed. So a write is acknowledged only once it is on disk, writes to the same item are
 * serialized (a read-modify-write sees every earlier write), and concurrent writers share the cost of
 * an fsync. A mutation validates before it changes anything: when it throws, its own future fails and
 * the batch goes on. An unexpected failure while applying rolls the whole batch back and fails it.
 *
 * <p>Each commit also carries the change-log entries of its item changes; once it is durable the
 * writer tells its commit listeners (the relay) the last sequence number now on disk.
 */
@ApplicationScoped
public class StoreWriter {

    private static final Logger LOG = Logger.getLogger(StoreWriter.class);

    /** A change to the store, applied on the writer thread. */
    @FunctionalInterface
    public interface Mutation<T> {
        T apply(StoreWrites writes);
    }

    private record Pending<T>(Mutation<T> mutation, CompletableFuture<T> future, long submittedNanos) {
        void apply(StoreWrites writes, List<Runnable> completions) {
            try {
                T result = mutation.apply(writes);
                completions.add(() -> future.complete(result));
            } catch (io.dynamis.core.error.ApiError e) {
                completions.add(() -> future.completeExceptionally(e));
            }
        }
    }

    private static final Pending<Void> STOP = new Pending<>(w -> null, new CompletableFuture<>(), 0);

    private final ItemStore store;
    private final StoreWrites writes;
    private final BlockingQueue<Pending<?>> queue = new LinkedBlockingQueue<>();
    private final int maxBatch;
    private final long maxWaitMicros;
    private final Thread thread;
    private final List<LongConsumer> commitListeners = new CopyOnWriteArrayList<>();
    private final DistributionSummary batchSizes;
    private final Timer fsyncTimes;
    private final Timer checkpointTimes;
    private final Timer writeLatencies;
    private volatile long durableSequence;
    private volatile boolean accepting = true;

    public StoreWriter(ItemStore store, ChangeLogWriter changeLog, LocalIndexWriter localIndexes,
            ItemServiceConfig config, MeterRegistry registry) {
        this.store = store;
        this.writes = new StoreWrites(store, List.of(localIndexes, changeLog));
        this.durableSequence = store.lastSequence();
        this.maxBatch = Math.max(1, config.commit().maxBatch());
        this.maxWaitMicros = Math.max(0, config.commit().maxWaitMicros());
        this.batchSizes = DistributionSummary.builder("dynamis.commit.batch.size")
                .description("Mutations gathered into one durable commit").publishPercentiles(0.5, 0.99)
                .register(registry);
        this.fsyncTimes = Timer.builder("dynamis.commit.fsync")
                .description("Time to make one group commit durable (a redo-log append and its fsync)").publishPercentiles(0.5, 0.99)
                .register(registry);
        this.checkpointTimes = Timer.builder("dynamis.store.checkpoint")
                .description("Time to checkpoint the store (a commit of the store file) and empty the redo log")
                .register(registry);
        this.writeLatencies = Timer.builder("dynamis.write.latency")
                .description("Time from a write's submission to its durable acknowledgement")
                .publishPercentiles(0.5, 0.99).register(registry);
        this.thread = new Thread(this::run, "item-store-writer");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Queues a mutation; the future completes once its commit is durable. */
    public <T> CompletableFuture<T> submit(Mutation<T> mutation) {
        CompletableFuture<T> future = new CompletableFuture<>();
        if (!accepting) {
            future.completeExceptionally(io.dynamis.core.error.ApiError.serviceUnavailable(
                    "item-service is shutting down"));
            return future;
        }
        queue.add(new Pending<>(mutation, future, System.nanoTime()));
        return future;
    }

    /** The last change-log sequence number on disk. */
    public long durableSequence() {
        return durableSequence;
    }

    /** Calls {@code listener} on the writer thread after every durable commit, with its last sequence number. */
    public void addCommitListener(LongConsumer listener) {
        commitListeners.add(listener);
    }

    private void run() {
        List<Pending<?>> batch = new ArrayList<>(maxBatch);
        boolean stopping = false;
        while (!stopping) {
            try {
                batch.add(queue.take());
                if (maxWaitMicros > 0 && batch.size() < maxBatch) {
                    Pending<?> next = queue.poll(maxWaitMicros, TimeUnit.MICROSECONDS);
                    if (next != null) {
                        batch.add(next);
                    }
                }
                queue.drainTo(batch, maxBatch - batch.size());
            } catch (InterruptedException e) {
                stopping = true;
            }
            int stop = batch.indexOf(STOP);
            if (stop >= 0) {
                stopping = true;
                batch.remove(stop);
                queue.drainTo(batch); // nothing new is accepted once STOP is queued
            }
            if (!batch.isEmpty()) {
                commit(batch);
                batch.clear();
            }
        }
    }

    private void commit(List<Pending<?>> batch) {
        List<Runnable> completions = new ArrayList<>(batch.size());
        long lastSequence;
        try {
            writes.beginBatch(System.currentTimeMillis());
            for (Pending<?> pending : batch) {
                pending.apply(writes, completions);
            }
            lastSequence = writes.beforeCommit();
            long fsyncStart = System.nanoTime();
            store.commit();
            fsyncTimes.record(System.nanoTime() - fsyncStart, TimeUnit.NANOSECONDS);
        } catch (RuntimeException | Error e) {
            LOG.error("Commit failed; rolling back the batch", e);
            try {
                store.rollback();
            } catch (RuntimeException rollbackFailure) {
                LOG.error("Rollback failed", rollbackFailure);
            }
            writes.afterRollback();
            for (Pending<?> pending : batch) {
                pending.future().completeExceptionally(
                        io.dynamis.core.error.ApiError.internal("Internal server error"));
            }
            return;
        }
        batchSizes.record(batch.size());
        durableSequence = lastSequence;
        for (LongConsumer listener : commitListeners) {
            listener.accept(lastSequence);
        }
        completions.forEach(Runnable::run);
        long now = System.nanoTime();
        for (Pending<?> pending : batch) {
            writeLatencies.record(now - pending.submittedNanos(), TimeUnit.NANOSECONDS);
        }
        if (store.checkpointDue(System.currentTimeMillis())) {
            try {
                store.checkpointInBackground().whenComplete((ignored, failure) -> {
                    if (failure != null) {
                        LOG.error("Checkpoint failed; the redo logs keep every change meanwhile", failure);
                    } else {
                        checkpointTimes.record(System.nanoTime() - now, TimeUnit.NANOSECONDS);
                    }
                });
            } catch (RuntimeException e) {
                LOG.error("Checkpoint failed; the redo log keeps every change meanwhile", e);
            }
        }
    }

    void onShutdown(@Observes @Plays(Role.ITEM) RoleStop event) {
        accepting = false;
        queue.add(STOP);
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        store.close();
    }
}
