package io.dynamis.item.changelog;

import io.dynamis.item.storage.StoreWriter;
import java.time.Duration;

/**
 * How the store's change log lets go of entries, for whichever reads it (the relay to the broker, or the
 * consumers in process): the position everything at or below which has been taken is recorded in the
 * store (through the writer, riding along with the next group commit), and entries at or below it that are
 * older than the retention are trimmed, a batch at a time, every {@value #TRIM_INTERVAL_MILLIS} ms.
 */
final class LogRetention {

    private static final long TRIM_INTERVAL_MILLIS = 10_000;
    private static final int TRIM_BATCH = 10_000;

    private final StoreWriter writer;
    private final Duration retention;
    private volatile long lastTrim;

    LogRetention(StoreWriter writer, Duration retention) {
        this.writer = writer;
        this.retention = retention;
    }

    /** Records that every entry through {@code sequence} has been taken. */
    void markTaken(long sequence) {
        writer.submit(writes -> {
            writes.markRelayed(sequence);
            return null;
        });
    }

    /** Trims a batch of taken entries older than the retention, when a trim is due. */
    void trimIfDue(long nowMillis) {
        if (nowMillis - lastTrim < TRIM_INTERVAL_MILLIS) {
            return;
        }
        lastTrim = nowMillis;
        long olderThan = nowMillis - retention.toMillis();
        writer.submit(writes -> writes.trimLog(olderThan, TRIM_BATCH)).thenAccept(removed -> {
            if (removed == TRIM_BATCH) {
                lastTrim = 0; // more to trim: go on at once
            }
        });
    }
}
