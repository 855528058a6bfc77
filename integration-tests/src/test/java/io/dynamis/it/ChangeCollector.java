package io.dynamis.it;

import io.dynamis.core.change.ChangeLogConsumer;
import io.dynamis.core.change.ChangeRecord;
import io.dynamis.core.change.StoreFileConsumerPositions;
import io.dynamis.core.storage.StoreFile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A test's own reader of the change-log topic, built on the same consumer library the services use
 * (duplicates dropped, position in a real store file): collects every record it is handed, in order.
 */
final class ChangeCollector implements AutoCloseable {

    private final StoreFile db;
    private final ChangeLogConsumer consumer;
    private final List<ChangeRecord> records = new ArrayList<>();

    ChangeCollector(DynamisStack stack, Path positionsFile, String name) {
        this.db = StoreFile.open(positionsFile, 1);
        this.consumer = ChangeLogConsumer.builder(stack.kafkaBootstrap(), name)
                .positions(new StoreFileConsumerPositions(db, "positions"))
                .handler(batch -> {
                    synchronized (records) {
                        records.addAll(batch);
                        records.notifyAll();
                    }
                })
                .start();
    }

    /** The records handed over so far, in the order they were. */
    List<ChangeRecord> records() {
        synchronized (records) {
            return List.copyOf(records);
        }
    }

    /** Waits until the records handed over satisfy {@code done}; returns them then, or fails after the timeout. */
    List<ChangeRecord> await(Predicate<List<ChangeRecord>> done, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (records) {
            while (!done.test(records)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("timed out waiting for " + what + "; " + records.size() + " record(s) so far");
                }
                records.wait(Math.max(1, Math.min(500, left / 1_000_000)));
            }
            return List.copyOf(records);
        }
    }

    @Override
    public void close() {
        consumer.close();
        db.close();
    }
}
