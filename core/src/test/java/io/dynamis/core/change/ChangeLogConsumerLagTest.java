package io.dynamis.core.change;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** When a topic consumer asks the broker for its lag: once a second, and only while someone reads the lag. */
class ChangeLogConsumerLagTest {

    private static final long NOW = 1_000_000_000L;

    @Test
    void aLagNobodyHasAskedForIsNeverMeasured() {
        assertFalse(ChangeLogConsumer.lagDue(NOW, 0, 0));
        assertFalse(ChangeLogConsumer.lagDue(NOW, NOW - 60_000, 0));
    }

    @Test
    void aLagAskedForIsMeasuredOnceASecond() {
        long asked = NOW - 10;
        assertTrue(ChangeLogConsumer.lagDue(NOW, 0, asked));
        assertTrue(ChangeLogConsumer.lagDue(NOW, NOW - 1000, asked));
        assertFalse(ChangeLogConsumer.lagDue(NOW, NOW - 999, asked));
    }

    @Test
    void measuringStopsOnceNobodyHasAskedForAWhile() {
        assertTrue(ChangeLogConsumer.lagDue(NOW, NOW - 5000, NOW - ChangeLogConsumer.LAG_INTEREST_MILLIS));
        assertFalse(ChangeLogConsumer.lagDue(NOW, NOW - 5000, NOW - ChangeLogConsumer.LAG_INTEREST_MILLIS - 1));
    }
}
