package io.dynamis.query.gsi;

import io.dynamis.query.client.ItemServiceClient;
import io.dynamis.query.config.QueryServiceConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Context;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Read after write on global secondary indexes (on by default, {@code dynamis.query.gsi-read-after-write}).
 *
 * <p>Before a Query or Scan of a global index, asks item-service for its last durable sequence number —
 * every write acknowledged before the read arrived is at or below it — and waits until
 * {@link GsiMaintainer} has applied the log that far, so the read sees those writes, as DynamoDB Local's
 * indexes always do. Since the indexes apply each item's changes in log order, an entry once replaced
 * is never seen again by a later read. The whole wait (the question included) is bounded by
 * {@code gsi-read-after-write-wait}; past it, or if item-service does not answer, the read answers from
 * the index as it is (DynamoDB's eventual consistency), never with an error.
 *
 * <p>It blocks the calling thread: Query and Scan run on worker threads; called on an event loop, it
 * does not wait at all.
 */
@ApplicationScoped
public class ReadAfterWrite {

    private static final Logger LOG = Logger.getLogger(ReadAfterWrite.class);

    private final ItemServiceClient itemService;
    private final GsiMaintainer maintainer;
    private final boolean enabled;
    private final long boundNanos;
    private final Timer waits;
    private final Counter boundReached;

    public ReadAfterWrite(ItemServiceClient itemService, GsiMaintainer maintainer, QueryServiceConfig config,
            MeterRegistry registry) {
        this.itemService = itemService;
        this.maintainer = maintainer;
        this.enabled = config.gsiReadAfterWrite() && config.gsiMaintenanceEnabled();
        this.boundNanos = config.gsiReadAfterWriteWait().toNanos();
        this.waits = Timer.builder("dynamis.gsi.read.after.write.wait")
                .description("Time a read of a global secondary index waited for the index to apply the writes acknowledged before it")
                .publishPercentiles(0.5, 0.99).register(registry);
        this.boundReached = Counter.builder("dynamis.gsi.read.after.write.bound.reached")
                .description("Reads of a global secondary index that answered after the wait bound, possibly missing recent writes")
                .register(registry);
    }

    /** Waits (bounded) until the indexes hold every write acknowledged before now. */
    public void awaitAcknowledgedWrites() {
        if (!enabled || Context.isOnEventLoopThread()) {
            return;
        }
        long start = System.nanoTime();
        try {
            // every shard's durable sequence, asked at once; then the wait for each, within one bound
            for (long[] durable : itemService.durableSequences().toCompletableFuture().get(boundNanos, TimeUnit.NANOSECONDS)) {
                int shard = (int) durable[0];
                if (maintainer.appliedThrough(shard) < durable[1]
                        && !maintainer.awaitApplied(shard, durable[1], boundNanos - (System.nanoTime() - start))) {
                    boundReached.increment();
                    LOG.debugf("A global index read waited %d ms for sequence %d of shard %d (applied through %d); answering as is",
                            TimeUnit.NANOSECONDS.toMillis(boundNanos), durable[1], shard, maintainer.appliedThrough(shard));
                    break;
                }
            }
        } catch (TimeoutException | ExecutionException e) {
            boundReached.increment();
            LOG.debugf("No durable sequence from item-service (%s); reading the index as is", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            waits.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }
}
