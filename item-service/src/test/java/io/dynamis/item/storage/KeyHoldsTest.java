package io.dynamis.item.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.dynamis.core.error.ApiError;
import io.dynamis.core.error.ErrorCode;
import io.dynamis.core.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The participant's holds and prepared record: who holds an item, for how long, and what the record keeps. */
class KeyHoldsTest {

    private static final byte[] A = {1, 2, 3};
    private static final byte[] B = {1, 2, 4};

    @Test
    void aHeldItemConflictsForEveryoneButItsTransactionUntilReleased() {
        KeyHolds holds = new KeyHolds();
        holds.hold("t1", List.of(A), Long.MAX_VALUE);
        assertEquals("t1", holds.holder(A.clone(), 0));
        assertNull(holds.holder(B, 0));
        holds.requireFree(A, "t1");
        ApiError conflict = assertThrows(ApiError.class, () -> holds.requireFree(A, null));
        assertEquals(ErrorCode.TRANSACTION_CONFLICT, conflict.code());
        assertEquals("Transaction is ongoing for the item", conflict.getMessage());
        holds.release("t1");
        assertNull(holds.holder(A, 0));
        assertEquals(0, holds.size());
    }

    @Test
    void aReadHoldEndsByItselfSoADeadRouterBlocksNothing() {
        KeyHolds holds = new KeyHolds();
        holds.hold("read", List.of(A), 1000);
        assertEquals("read", holds.holder(A, 999));
        assertNull(holds.holder(A, 1000));
    }

    @Test
    void readsShareAnItemAndAWriteConflictsWithThemAll() {
        KeyHolds holds = new KeyHolds();
        holds.hold("r1", List.of(A), 1000);
        holds.hold("r2", List.of(A), 2000);
        assertNull(holds.writeHolder(A), "a read does not conflict with another read");
        holds.release("r1");
        assertEquals("r2", holds.holder(A, 500), "the other reader still holds it");
        assertNull(holds.holder(A, 2000));
        holds.hold("w", List.of(B), Long.MAX_VALUE);
        assertEquals("w", holds.writeHolder(B));
    }

    @Test
    void releasingAnOldHoldLeavesANewerHolderAlone() {
        KeyHolds holds = new KeyHolds();
        holds.hold("read", List.of(A), 1000);
        holds.hold("write", List.of(A), Long.MAX_VALUE); // after the read hold expired
        holds.release("read");
        assertEquals("write", holds.holder(A, 5000));
    }

    @Test
    void aPreparedRecordKeepsEveryImageAndTheKeysItHolds() {
        PreparedTransaction prepared = new PreparedTransaction("t", 1, 77, List.of(
                new PreparedTransaction.Action("T", 5, Json.object().put("pk", "x"), A, new byte[] {9}, false),
                new PreparedTransaction.Action("T", 5, Json.object(), B, null, false),
                new PreparedTransaction.Action("U", 6, Json.object(), new byte[] {7}, null, true)));
        PreparedTransaction back = PreparedTransaction.decode(prepared.encode());
        assertEquals("t", back.id());
        assertEquals(1, back.coordinator());
        assertEquals(77, back.preparedMillis());
        assertArrayEquals(new byte[] {9}, back.actions().get(0).newStored());
        assertNull(back.actions().get(1).newStored());
        assertEquals(true, back.actions().get(2).check());
        assertEquals(3, back.heldKeys().size());
        assertArrayEquals(B, back.heldKeys().get(1));
    }
}
