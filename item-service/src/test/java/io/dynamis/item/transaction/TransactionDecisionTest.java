package io.dynamis.item.transaction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The coordinator shard's decision as a state machine: pending participants, when it can be forgotten, its record. */
class TransactionDecisionTest {

    @Test
    void aCommitWaitsForEveryOtherParticipantsAcknowledgement() {
        TransactionDecision decision = TransactionDecision.commit(List.of(2, 0, 1), 1, 1000);
        assertEquals(List.of(0, 2), decision.pending(), "the deciding shard applied its own part in the same commit");
        assertFalse(decision.finished(1000));
        TransactionDecision once = decision.acknowledged(2);
        assertFalse(once.finished(1000));
        assertEquals(once, once.acknowledged(2), "a repeated acknowledgement changes nothing");
        assertTrue(once.acknowledged(0).finished(1000));
        assertEquals("Committed", decision.outcome());
    }

    @Test
    void anAbortIsKeptLongerThanAnyRouterWaitsSoALateCommitFindsIt() {
        TransactionDecision abort = TransactionDecision.abort(1000);
        assertEquals("Aborted", abort.outcome());
        assertFalse(abort.finished(1000 + 60_000));
        assertTrue(abort.finished(1000 + TransactionDecision.ABORT_KEPT_MILLIS));
    }

    @Test
    void theRecordKeepsEverything() {
        TransactionDecision decision = TransactionDecision.commit(List.of(0, 1, 2), 0, 42).acknowledged(2);
        assertEquals(decision, TransactionDecision.decode(decision.encode()));
        assertEquals(TransactionDecision.abort(7), TransactionDecision.decode(TransactionDecision.abort(7).encode()));
    }
}
