package io.dynamis.core.change;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dynamis.core.model.AttributeValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A consumer of the in-process log with a batch interval: every record is handed over once, in order, in at most
 * one batch per interval while commits keep coming (unless a batch was full), and a waiting reader hurries it.
 */
class LocalBatchIntervalTest {

    private static final long INTERVAL_MILLIS = 20;

    @Test
    void commitsThatComeWithinTheIntervalWaitForOneBatch() throws Exception {
        InMemoryLog log = new InMemoryLog();
        Received received = new Received();
        ChangeLogConsumer consumer = received.consumer(log, Duration.ofMillis(INTERVAL_MILLIS));
        long committing;
        try {
            long start = System.nanoTime();
            for (int i = 0; i < 60; i++) {
                log.commit();
                Thread.sleep(1);
            }
            committing = System.nanoTime() - start;
            received.await(60);
        } finally {
            consumer.close();
        }
        synchronized (received) {
            List<Long> expected = new ArrayList<>();
            for (long s = 1; s <= 60; s++) {
                expected.add(s);
            }
            assertEquals(expected, received.sequences, "every record once, in order");
            // one batch at the first commit, then at most one per interval while commits came, and one for the rest
            long most = committing / TimeUnit.MILLISECONDS.toNanos(INTERVAL_MILLIS) + 2;
            assertTrue(received.batches <= most, received.batches + " batches in "
                    + TimeUnit.NANOSECONDS.toMillis(committing) + " ms of commits: at most " + most);
        }
    }

    @Test
    void aReaderThatWaitsForTheNextBatchHurriesIt() throws Exception {
        InMemoryLog log = new InMemoryLog();
        Received received = new Received();
        ChangeLogConsumer consumer = received.consumer(log, Duration.ofSeconds(5));
        try {
            log.commit();
            received.await(1); // the first change after a quiet spell: read at once
            log.commit(); // within the interval: it would wait for the next batch, 5 s later
            long start = System.nanoTime();
            consumer.hurry();
            received.await(2);
            long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(tookMillis < 2_500, "hurried, the batch came after " + tookMillis + " ms");
        } finally {
            consumer.close();
        }
    }

    /** What a consumer's handler was given: the records' sequences in order, and how many batches. */
    private static final class Received {
        private final List<Long> sequences = new ArrayList<>();
        private int batches;

        ChangeLogConsumer consumer(InMemoryLog log, Duration interval) {
            return ChangeLogConsumer.builder("127.0.0.1:1", "interval-test").local(log).batchInterval(interval)
                    .positions(new InMemoryPositions())
                    .handler(records -> {
                        synchronized (this) {
                            batches++;
                            records.forEach(record -> sequences.add(record.sequence()));
                            notifyAll();
                        }
                    })
                    .start();
        }

        /** Waits (10 s at most) until {@code size} records have come. */
        synchronized void await(int size) throws InterruptedException {
            long deadline = System.currentTimeMillis() + 10_000;
            while (sequences.size() < size && System.currentTimeMillis() < deadline) {
                wait(Math.max(1, deadline - System.currentTimeMillis()));
            }
            assertEquals(size, sequences.size());
        }
    }

    @Test
    void aNegativeIntervalIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> ChangeLogConsumer.builder("127.0.0.1:1", "x").batchInterval(Duration.ofMillis(-1)));
    }

    /** The log's contract in memory: durable entries in order, a read waiting for the next commit. */
    private static final class InMemoryLog implements LocalChangeLog {
        private final List<Entry> entries = new ArrayList<>();

        synchronized void commit() {
            long sequence = entries.size() + 1;
            ChangeRecord record = new ChangeRecord("t", "t-1", 0, sequence, ChangeRecord.EventName.INSERT,
                    System.currentTimeMillis(), Map.of("pk", AttributeValue.s("k" + sequence)), null,
                    Map.of("pk", AttributeValue.s("k" + sequence)), 10, ChangeRecord.Origin.USER);
            entries.add(new Entry(sequence, "t-1", ChangeRecordCodec.encode(record)));
            notifyAll();
        }

        @Override
        public int shard() {
            return 0;
        }

        @Override
        public synchronized long durableSequence() {
            return entries.size();
        }

        @Override
        public synchronized List<Entry> read(long afterSequence, int max, long waitMillis) throws InterruptedException {
            if (entries.size() <= afterSequence) {
                wait(waitMillis);
            }
            int from = (int) Math.min(afterSequence, entries.size());
            return new ArrayList<>(entries.subList(from, Math.min(entries.size(), from + max)));
        }

        @Override
        public void applied(String consumer, long sequence) {
        }
    }
}
