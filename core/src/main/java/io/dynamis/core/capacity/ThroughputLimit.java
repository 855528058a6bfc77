package io.dynamis.core.capacity;

/**
 * The throughput one table or one global secondary index may consume in one direction (reads or writes),
 * with DynamoDB's rules:
 * <ul>
 *   <li><b>provisioned</b>: a bucket refilled at the provisioned rate that keeps up to 300 seconds of unused
 *   capacity (burst capacity). A new or changed limit starts with one second of it: nothing has been left
 *   unused yet.</li>
 *   <li><b>on demand</b>: the table may at once consume up to twice its previous peak (the highest
 *   consumption of any one second so far), at least its warm throughput (12,000 reads / 4,000 writes a
 *   second for a new table) and at most the per-table account quota (40,000 units a second); and never
 *   more than its {@code OnDemandThroughput} maximum, when one is set (a bucket of one second).</li>
 *   <li><b>partitions</b>, in both modes: the key space is cut into as many partitions as the throughput
 *   needs (DynamoDB's rule: {@code ceil(RCU / 3,000 + WCU / 1,000)}), each held to 3,000 read or 1,000
 *   write units a second, with no burst. <b>Adaptive capacity</b> is the absence of any other per-partition
 *   share: a hot partition may use whatever the table has unused, up to that partition maximum, instead of
 *   its even share of the table's throughput.</li>
 * </ul>
 * A request is let in while every bucket it draws from holds anything; it takes its estimated units at once
 * and settles the difference once its real cost is known ({@link TokenBucket}). One lock per limit: no
 * two tables (nor a table's reads and writes) ever wait for each other. Time comes from the caller, so the
 * rules are tested with a clock of the test's own.
 */
public final class ThroughputLimit {

    /** Why a request was refused: the last part of DynamoDB's {@code ThrottlingReason}. */
    public enum Throttle {
        /** Over the provisioned throughput (its burst included). */
        PROVISIONED("ProvisionedThroughputExceeded"),
        /** Over one partition's maximum (3,000 RCU / 1,000 WCU). */
        KEY_RANGE("KeyRangeThroughputExceeded"),
        /** Over the on-demand table's {@code OnDemandThroughput} maximum. */
        MAX_ON_DEMAND("MaxOnDemandThroughputExceeded"),
        /** Over twice the on-demand table's previous peak: DynamoDB is still splitting its partitions. */
        ON_DEMAND_SCALING("KeyRangeThroughputExceeded"),
        /** Over the per-table account quota of an on-demand table. */
        ACCOUNT_LIMIT("AccountLimitExceeded");

        private final String limitType;

        Throttle(String limitType) {
            this.limitType = limitType;
        }

        /** The LimitType part of the ThrottlingReason ({@code Table} + {@code Read} + this). */
        public String limitType() {
            return limitType;
        }
    }

    /** Seconds of unused provisioned capacity a table keeps for bursts. */
    public static final double BURST_SECONDS = 300;
    /** The most read units one partition serves a second. */
    public static final double PARTITION_READ_UNITS = 3_000;
    /** The most write units one partition serves a second. */
    public static final double PARTITION_WRITE_UNITS = 1_000;
    /** DynamoDB's default per-table account quota for on-demand tables, in units a second. */
    public static final double ACCOUNT_TABLE_QUOTA = 40_000;

    private final TokenBucket resource;
    private final boolean onDemand;
    private final double warm;
    private final double partitionRate;
    private final TokenBucket[] partitions;
    private final double rate;
    // on-demand scaling: the previous peak and the second being counted
    private TokenBucket allowance;
    private double peak;
    private long windowSecond;
    private double windowUnits;

    private ThroughputLimit(TokenBucket resource, boolean onDemand, double warm, double partitionRate,
            int partitionCount, double rate, long nowNanos) {
        this.resource = resource;
        this.onDemand = onDemand;
        this.warm = warm;
        this.partitionRate = partitionRate;
        this.partitions = new TokenBucket[Math.max(1, Math.min(65_536, partitionCount))];
        this.rate = rate;
        if (onDemand) {
            double level = Math.min(ACCOUNT_TABLE_QUOTA, warm);
            this.allowance = new TokenBucket(level, level, level, nowNanos);
            this.windowSecond = Math.floorDiv(nowNanos, 1_000_000_000L);
        }
    }

    /** A provisioned limit of {@code units} a second, over {@code partitionCount} partitions of {@code partitionRate}. */
    public static ThroughputLimit provisioned(double units, double partitionRate, int partitionCount, long nowNanos) {
        return new ThroughputLimit(new TokenBucket(units, units * BURST_SECONDS, units, nowNanos), false, 0,
                partitionRate, partitionCount, units, nowNanos);
    }

    /**
     * An on-demand limit: at most {@code maxUnits} a second when positive (the OnDemandThroughput maximum;
     * none otherwise), starting warm at {@code warmUnits}.
     */
    public static ThroughputLimit onDemand(double maxUnits, double warmUnits, double partitionRate, int partitionCount,
            long nowNanos) {
        TokenBucket max = maxUnits > 0 ? new TokenBucket(maxUnits, maxUnits, maxUnits, nowNanos) : null;
        return new ThroughputLimit(max, true, warmUnits, partitionRate, partitionCount, maxUnits > 0 ? maxUnits : 0,
                nowNanos);
    }

    /** The provisioned rate, or the on-demand maximum (0 when none). */
    public double rate() {
        return rate;
    }

    public boolean onDemand() {
        return onDemand;
    }

    /** How many partitions the key space is cut into. */
    public int partitionCount() {
        return partitions.length;
    }

    /**
     * Lets a request in, taking {@code estimate} units, or answers why not (nothing taken then).
     *
     * @param hash the 16-bit hash of the partition key the request reads or writes, or -1 when it spans
     *             the table (a Scan), which only the table's limit then holds
     */
    public synchronized Throttle admit(int hash, double estimate, long nowNanos) {
        if (resource != null && !resource.available(nowNanos)) {
            return onDemand ? Throttle.MAX_ON_DEMAND : Throttle.PROVISIONED;
        }
        if (onDemand) {
            roll(nowNanos);
            if (!allowance.available(nowNanos)) {
                return allowance.rate() >= ACCOUNT_TABLE_QUOTA ? Throttle.ACCOUNT_LIMIT : Throttle.ON_DEMAND_SCALING;
            }
        }
        TokenBucket partition = partition(hash, nowNanos);
        if (partition != null && !partition.available(nowNanos)) {
            return Throttle.KEY_RANGE;
        }
        take(partition, estimate, nowNanos);
        return null;
    }

    /** Settles an admitted request: {@code delta} more units (fewer when negative) than it took. */
    public synchronized void settle(int hash, double delta, long nowNanos) {
        if (delta != 0) {
            take(partition(hash, nowNanos), delta, nowNanos);
        }
    }

    /** The units the table (not a partition) holds now: below zero while it pays back a debt. */
    synchronized double available(long nowNanos) {
        if (resource != null) {
            return resource.units(nowNanos);
        }
        roll(nowNanos);
        return allowance == null ? Double.MAX_VALUE : allowance.units(nowNanos);
    }

    /** The on-demand table's current level: what it may consume at once (twice its previous peak, at least warm). */
    synchronized double onDemandLevel(long nowNanos) {
        roll(nowNanos);
        return allowance == null ? 0 : allowance.rate();
    }

    private void take(TokenBucket partition, double amount, long nowNanos) {
        if (partition != null) {
            partition.take(amount);
        }
        if (resource != null) {
            resource.take(amount);
        }
        if (onDemand) {
            roll(nowNanos);
            allowance.take(amount);
            windowUnits += amount;
        }
    }

    private TokenBucket partition(int hash, long nowNanos) {
        if (hash < 0) {
            return null;
        }
        int index = (int) (((long) (hash & 0xFFFF) * partitions.length) >>> 16);
        TokenBucket partition = partitions[index];
        if (partition == null) {
            partition = new TokenBucket(partitionRate, partitionRate, partitionRate, nowNanos);
            partitions[index] = partition;
        }
        return partition;
    }

    /** On demand: when a new second starts, the one before may be a new peak, and the level follows it. */
    private void roll(long nowNanos) {
        if (!onDemand) {
            return;
        }
        long second = Math.floorDiv(nowNanos, 1_000_000_000L);
        if (second == windowSecond) {
            return;
        }
        peak = Math.max(peak, windowUnits);
        windowUnits = 0;
        windowSecond = second;
        double level = Math.min(ACCOUNT_TABLE_QUOTA, Math.max(warm, 2 * peak));
        if (level != allowance.rate()) {
            allowance = new TokenBucket(level, level, Math.min(level, allowance.units(nowNanos) + level
                    - allowance.rate()), nowNanos);
        }
    }
}
