package io.dynamis.core.change;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.Test;

/** How far a consumer has applied the log, and waiting for it: what a global index read waits on. */
class AppliedSequencesTest {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    @Test
    void theMarkStopsAtTheFirstGapAndMovesWhenItIsFilled() {
        AppliedSequences applied = new AppliedSequences();
        applied.applied(0, 1);
        applied.applied(0, 3);
        applied.applied(0, 4);
        assertEquals(1, applied.through(0));
        assertArrayEquals(new long[] {3, 4}, applied.pending(0));
        applied.applied(0, 2);
        assertEquals(4, applied.through(0));
        assertArrayEquals(new long[0], applied.pending(0));
        applied.applied(0, 3); // a duplicate
        assertEquals(4, applied.through(0));
        assertEquals(0, applied.through(1), "another shard's numbers are its own");
    }

    @Test
    void appliedThroughCoversEverythingBelowAndJoinsWhatWasAbove() {
        AppliedSequences applied = new AppliedSequences();
        applied.applied(0, 7);
        applied.appliedThrough(0, 6);
        assertEquals(7, applied.through(0));
        applied.appliedThrough(0, 5); // never moves back
        assertEquals(7, applied.through(0));
    }

    @Test
    void restoreSetsWhatWasSavedEvenBelowTheCurrentMark() {
        AppliedSequences applied = new AppliedSequences();
        applied.appliedThrough(0, 10);
        applied.restore(0, 4, new long[] {3, 6, 7});
        assertEquals(4, applied.through(0));
        assertArrayEquals(new long[] {6, 7}, applied.pending(0));
        applied.applied(0, 5);
        assertEquals(7, applied.through(0), "5 filled the gap up to the saved 7");
    }

    @Test
    void aWaitForAnAppliedSequenceReturnsAtOnce() throws Exception {
        AppliedSequences applied = new AppliedSequences();
        applied.appliedThrough(0, 3);
        long start = System.nanoTime();
        assertTrue(applied.await(0, 3, SECOND));
        assertTrue(applied.await(0, 0, 0), "nothing to wait for, even with no time");
        assertTrue(System.nanoTime() - start < SECOND / 2);
    }

    @Test
    void aWaitEndsAtItsBoundWhenTheSequenceIsNotApplied() throws Exception {
        AppliedSequences applied = new AppliedSequences();
        applied.appliedThrough(0, 3);
        applied.applied(0, 5); // 4 never comes
        long start = System.nanoTime();
        assertFalse(applied.await(0, 5, TimeUnit.MILLISECONDS.toNanos(200)));
        long waited = System.nanoTime() - start;
        assertTrue(waited >= TimeUnit.MILLISECONDS.toNanos(200), "waited " + waited);
        assertTrue(waited < SECOND, "waited " + waited);
    }

    @Test
    void concurrentWaitersWakeUpWhenTheirOwnSequenceIsApplied() throws Exception {
        AppliedSequences applied = new AppliedSequences();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch waiting = new CountDownLatch(8);
            List<Future<Long>> wokenAt = new ArrayList<>();
            for (int i = 1; i <= 8; i++) {
                long target = i * 10L;
                wokenAt.add(threads.submit(() -> {
                    waiting.countDown();
                    assertTrue(applied.await(0, target, 10 * SECOND), "waiter for " + target);
                    return applied.through(0);
                }));
            }
            assertTrue(waiting.await(5, TimeUnit.SECONDS));
            Thread.sleep(50);
            for (Future<Long> waiter : wokenAt) {
                assertFalse(waiter.isDone(), "nobody is released before its sequence is applied");
            }
            // out of order, as records of several partitions arrive: even numbers first, then the odd ones
            for (long sequence = 2; sequence <= 80; sequence += 2) {
                applied.applied(0, sequence);
            }
            Thread.sleep(50);
            for (Future<Long> waiter : wokenAt) {
                assertFalse(waiter.isDone(), "a gap at 1 holds everyone");
            }
            for (long sequence = 1; sequence <= 39; sequence += 2) {
                applied.applied(0, sequence);
            }
            for (int i = 0; i < 4; i++) {
                assertTrue(wokenAt.get(i).get(5, TimeUnit.SECONDS) >= (i + 1) * 10L);
            }
            for (int i = 4; i < 8; i++) {
                assertFalse(wokenAt.get(i).isDone(), "waiter for " + (i + 1) * 10 + " released at 40");
            }
            applied.appliedThrough(0, 80);
            for (int i = 4; i < 8; i++) {
                assertEquals(80, wokenAt.get(i).get(5, TimeUnit.SECONDS));
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void theSequenceHeaderCarriesShardAndSequence() {
        byte[] value = ChangeLogTopic.sequenceHeader(2, 12_345_678_901L);
        assertArrayEquals(new long[] {2, 12_345_678_901L},
                ChangeLogTopic.sequenceOf(new RecordHeader(ChangeLogTopic.SEQUENCE_HEADER, value)));
        assertEquals(null, ChangeLogTopic.sequenceOf(null));
        assertEquals(null, ChangeLogTopic.sequenceOf(new RecordHeader(ChangeLogTopic.SEQUENCE_HEADER, "x".getBytes())));
    }
}
