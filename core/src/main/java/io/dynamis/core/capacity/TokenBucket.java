package io.dynamis.core.capacity;

/**
 * Units that refill at a steady rate up to a ceiling, and may be overdrawn: a request is let in while the
 * bucket holds anything, takes its estimate at once, and settles the difference when its real cost is
 * known, so a request larger than the whole bucket (a 400 KB write on a 1 WCU table) still passes, and the
 * debt it leaves holds the next ones back until the rate has paid it. Not thread-safe: its owner locks.
 */
final class TokenBucket {

    private final double rate;
    private final double ceiling;
    private double units;
    private long lastNanos;

    /**
     * @param rate      units added per second
     * @param ceiling   the most the bucket keeps (rate × seconds of unused capacity retained)
     * @param initial   units held at {@code nowNanos}
     */
    TokenBucket(double rate, double ceiling, double initial, long nowNanos) {
        this.rate = rate;
        this.ceiling = ceiling;
        this.units = Math.min(initial, ceiling);
        this.lastNanos = nowNanos;
    }

    /** True when the bucket holds more than nothing at {@code nowNanos} (refilled first). */
    boolean available(long nowNanos) {
        refill(nowNanos);
        return units > 0;
    }

    /** Takes units (a negative amount gives them back); the balance may go below zero. */
    void take(double amount) {
        units = Math.min(ceiling, units - amount);
    }

    double units(long nowNanos) {
        refill(nowNanos);
        return units;
    }

    double rate() {
        return rate;
    }

    private void refill(long nowNanos) {
        long elapsed = nowNanos - lastNanos;
        if (elapsed > 0) {
            units = Math.min(ceiling, units + elapsed * rate / 1e9);
            lastNanos = nowNanos;
        }
    }
}
