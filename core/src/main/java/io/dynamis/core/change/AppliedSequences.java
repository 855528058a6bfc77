package io.dynamis.core.change;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * How far a consumer has applied the change log, per item-service shard: the highest sequence number N
 * such that every record up to N has been applied (or passed over because the consumer does not need
 * it), and a way to wait for a given N.
 *
 * <p>item-service numbers each shard's log 1, 2, 3... without gaps, but the topic's partitions arrive
 * at different paces: a sequence number read above a gap waits in a pending set until the gap is
 * filled. In process the log arrives in order, and {@link #appliedThrough} moves the mark at once.
 *
 * <p>Waiters block on this object's monitor, which every advance signals: no polling. Every wait is
 * bounded by the caller.
 */
public final class AppliedSequences {

    private final Map<Integer, Long> through = new HashMap<>();
    private final Map<Integer, TreeSet<Long>> pending = new HashMap<>();

    /** The highest sequence number of {@code shard} through which every record was applied; 0 when none. */
    public synchronized long through(int shard) {
        return through.getOrDefault(shard, 0L);
    }

    /** Sequence numbers of {@code shard} applied above the first gap, in order (to be saved with {@link #through}). */
    public synchronized long[] pending(int shard) {
        TreeSet<Long> above = pending.get(shard);
        return above == null ? new long[0] : above.stream().mapToLong(Long::longValue).toArray();
    }

    /** The shards known. */
    public synchronized java.util.Set<Integer> shards() {
        return java.util.Set.copyOf(through.keySet());
    }

    /** Sets the state of {@code shard} (at startup, or after a rollback: it may move back). */
    public synchronized void restore(int shard, long appliedThrough, long[] appliedAbove) {
        through.put(shard, appliedThrough);
        TreeSet<Long> above = new TreeSet<>();
        for (long sequence : appliedAbove) {
            if (sequence > appliedThrough) {
                above.add(sequence);
            }
        }
        pending.put(shard, above);
        advance(shard);
        notifyAll();
    }

    /** Forgets everything (before {@link #restore} of what was saved). */
    public synchronized void clear() {
        through.clear();
        pending.clear();
    }

    /** Every record of {@code shard} up to {@code sequence} was applied or passed over. */
    public synchronized void appliedThrough(int shard, long sequence) {
        if (sequence <= through(shard)) {
            return;
        }
        through.put(shard, sequence);
        advance(shard);
        notifyAll();
    }

    /** The record {@code sequence} of {@code shard} was applied or passed over (in any order; duplicates are fine). */
    public synchronized void applied(int shard, long sequence) {
        long current = through(shard);
        if (sequence <= current) {
            return;
        }
        if (sequence == current + 1) {
            through.put(shard, sequence);
            advance(shard);
            notifyAll();
        } else {
            pending.computeIfAbsent(shard, s -> new TreeSet<>()).add(sequence);
        }
    }

    private void advance(int shard) {
        TreeSet<Long> above = pending.get(shard);
        if (above == null) {
            return;
        }
        long current = through(shard);
        while (!above.isEmpty() && above.first() <= current + 1) {
            current = Math.max(current, above.pollFirst());
        }
        through.put(shard, current);
    }

    /**
     * Waits until every record of {@code shard} up to {@code sequence} is applied, for at most
     * {@code timeoutNanos}; true when it is, false when the bound passed first.
     */
    public synchronized boolean await(int shard, long sequence, long timeoutNanos) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutNanos;
        while (through(shard) < sequence) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }
}
