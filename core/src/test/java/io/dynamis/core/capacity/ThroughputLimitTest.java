package io.dynamis.core.capacity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.dynamis.core.capacity.ThroughputLimit.Throttle;
import org.junit.jupiter.api.Test;

/**
 * DynamoDB's throughput rules, on a clock of the test's own (nanoseconds): burst capacity, debt,
 * per-partition maximums with adaptive capacity, and on-demand maximums and scaling.
 */
class ThroughputLimitTest {

    private static final long SECOND = 1_000_000_000L;
    private static final int ANY_PARTITION = -1;

    /** Admits {@code count} one-unit requests at {@code now}; answers how many got in before the first refusal. */
    private static int admitted(ThroughputLimit limit, int hash, int count, long now) {
        for (int i = 0; i < count; i++) {
            if (limit.admit(hash, 1, now) != null) {
                return i;
            }
        }
        return count;
    }

    @Test
    void aNewProvisionedTableHoldsOneSecondOfItsCapacity() {
        ThroughputLimit limit = ThroughputLimit.provisioned(10, 1_000, 1, 0);
        assertEquals(10, admitted(limit, 7, 100, 0));
        assertEquals(Throttle.PROVISIONED, limit.admit(7, 1, 0));
        assertNull(limit.admit(7, 1, SECOND / 10), "a tenth of a second later one more unit has come in");
    }

    @Test
    void unusedCapacityIsKeptForBurstsUpTo300Seconds() {
        ThroughputLimit limit = ThroughputLimit.provisioned(10, 1_000, 1, 0);
        long later = 1_000 * SECOND; // idle far longer than 300 s: only 300 s are kept
        assertEquals(3_000, admitted(limit, ANY_PARTITION, 10_000, later));
        assertEquals(Throttle.PROVISIONED, limit.admit(ANY_PARTITION, 1, later));
    }

    @Test
    void aBurstAboveTheRateLastsUntilTheKeptCapacityIsSpent() {
        ThroughputLimit limit = ThroughputLimit.provisioned(150, 3_000, 1, 0);
        long start = 300 * SECOND; // 45,000 read units kept (150 × 300)
        // 200 units a second: the burst pays the 50 above the rate for 45,000 / 50 = 900 seconds
        long t = start;
        for (; t < start + 899 * SECOND; t += SECOND) {
            assertNull(limit.admit(0, 200, t), "second " + (t - start) / SECOND);
        }
        for (; t < start + 910 * SECOND; t += SECOND / 200) {
            if (limit.admit(0, 1, t) != null) {
                break;
            }
        }
        assertEquals(Throttle.PROVISIONED, limit.admit(0, 1, t));
    }

    @Test
    void aRequestLargerThanTheBucketPassesAndItsDebtHoldsTheNextOnesBack() {
        ThroughputLimit limit = ThroughputLimit.provisioned(1, 1_000, 1, 0);
        assertNull(limit.admit(3, 1, 0));
        limit.settle(3, 399, 0); // a 400 KB item: 400 units
        assertEquals(Throttle.PROVISIONED, limit.admit(3, 1, 399 * SECOND));
        assertNull(limit.admit(3, 1, 400 * SECOND + SECOND / 2));
    }

    @Test
    void settlingForLessGivesUnitsBack() {
        ThroughputLimit limit = ThroughputLimit.provisioned(2, 3_000, 1, 0);
        assertNull(limit.admit(1, 2, 0));
        limit.settle(1, -1.5, 0); // an eventually consistent read of a small item: 0.5
        assertNull(limit.admit(1, 1, 0));
        assertNull(limit.admit(1, 1, 0), "half a unit left: let in, and into debt");
        assertEquals(Throttle.PROVISIONED, limit.admit(1, 1, 0));
    }

    @Test
    void partitionsAreCountedAsDynamoDbCountsThem() {
        assertEquals(1, TableThroughput.partitions(5, 5));
        assertEquals(2, TableThroughput.partitions(1, 1_500));
        assertEquals(3, TableThroughput.partitions(3_000, 2_000));
        assertEquals(8, TableThroughput.partitions(12_000, 4_000));
    }

    @Test
    void adaptiveCapacityLetsAHotPartitionUseTheTablesUnusedCapacity() {
        // 1,500 WCU over two partitions: an even share would be 750 a second each
        ThroughputLimit limit = ThroughputLimit.provisioned(1_500, 1_000, 2, 0);
        assertEquals(2, limit.partitionCount());
        int hot = 0x1234;
        for (long t = SECOND; t < 11 * SECOND; t += SECOND / 10) {
            assertNull(limit.admit(hot, 100, t), "1,000 units a second into one partition, at " + t);
        }
    }

    @Test
    void onePartitionNeverServesMoreThanItsMaximumEvenWhenTheTableHasMore() {
        ThroughputLimit limit = ThroughputLimit.provisioned(3_000, 1_000, 3, 0);
        int first = 0x0000;
        int last = 0xFFFF;
        assertEquals(1_000, admitted(limit, first, 2_000, 0));
        assertEquals(Throttle.KEY_RANGE, limit.admit(first, 1, 0));
        assertNull(limit.admit(last, 1, 0), "another partition still has its own");
        assertNull(limit.admit(first, 1, SECOND / 100));
    }

    @Test
    void burstCapacityDoesNotLiftThePartitionMaximum() {
        ThroughputLimit limit = ThroughputLimit.provisioned(500, 1_000, 1, 0);
        long later = 300 * SECOND; // 150,000 units kept for the table
        assertEquals(1_000, admitted(limit, 42, 5_000, later));
        assertEquals(Throttle.KEY_RANGE, limit.admit(42, 1, later));
    }

    @Test
    void anOnDemandMaximumHoldsTheTableToItsUnitsASecond() {
        ThroughputLimit limit = ThroughputLimit.onDemand(50, 4_000, 1_000, 8, 0);
        assertEquals(50, admitted(limit, 9, 500, 0));
        assertEquals(Throttle.MAX_ON_DEMAND, limit.admit(9, 1, 0));
        assertEquals(50, admitted(limit, 9, 500, SECOND), "no burst beyond one second of the maximum");
        assertEquals(50.0, limit.rate());
    }

    @Test
    void onDemandServesItsWarmThroughputAtOnceThenTwiceThePreviousPeak() {
        ThroughputLimit limit = ThroughputLimit.onDemand(0, 4_000, 1_000, 8, 0);
        assertEquals(4_000, admitted(limit, ANY_PARTITION, 10_000, 0));
        assertEquals(Throttle.ON_DEMAND_SCALING, limit.admit(ANY_PARTITION, 1, 0));
        // that second's 4,000 is the new peak: the next second may use 8,000
        assertEquals(8_000, admitted(limit, ANY_PARTITION, 20_000, SECOND));
        assertEquals(8_000.0, limit.onDemandLevel(SECOND));
        assertEquals(16_000.0, limit.onDemandLevel(2 * SECOND));
    }

    @Test
    void onDemandScalingStopsAtThePerTableAccountQuota() {
        ThroughputLimit limit = ThroughputLimit.onDemand(0, 30_000, 3_000, 100, 0);
        assertEquals(30_000, admitted(limit, ANY_PARTITION, 50_000, 0));
        assertEquals(40_000, admitted(limit, ANY_PARTITION, 50_000, SECOND));
        assertEquals(Throttle.ACCOUNT_LIMIT, limit.admit(ANY_PARTITION, 1, SECOND));
    }
}
