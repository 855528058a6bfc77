package io.dynamis.item.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.dynamis.core.error.ApiError;
import io.dynamis.core.error.ErrorCode;
import io.dynamis.core.json.Json;
import io.dynamis.item.config.ItemServiceConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A participant after kill -9: its prepared records and the coordinator shard's decisions come back from
 * the redo log, the prepared items are held again before any write runs, and a dropped record stays dropped.
 */
class PreparedRecoveryTest {

    @TempDir
    Path dir;

    @TempDir
    Path crashed;

    private static PreparedTransaction prepared(String id, byte[] key) {
        return new PreparedTransaction(id, 1, 5, List.of(
                new PreparedTransaction.Action("T", 7, Json.object(), key, new byte[] {1}, false)));
    }

    @Test
    void preparedItemsAreHeldAgainAfterACrashAndDecisionsComeBack() throws Exception {
        byte[] held = TestStores.storageKey(TestStores.table(7), "held");
        byte[] dropped = TestStores.storageKey(TestStores.table(7), "dropped");
        ItemServiceConfig config = TestStores.config(dir, 64, 3_600_000);
        ItemStore store = new ItemStore(config);
        StoreWriter writer = TestStores.writer(store, config);
        try {
            writer.submit(w -> {
                w.putPrepared(prepared("t-held", held));
                w.putPrepared(prepared("t-dropped", dropped));
                w.putTransactionDecision("t-decided", new byte[] {42});
                return null;
            }).get(10, TimeUnit.SECONDS);
            writer.submit(w -> w.removePrepared("t-dropped")).get(10, TimeUnit.SECONDS);
            TestStores.copyAsACrashLeavesIt(dir, crashed);
        } finally {
            writer.onShutdown(null);
        }

        ItemServiceConfig recoveredConfig = TestStores.config(crashed, 64);
        ItemStore recovered = new ItemStore(recoveredConfig);
        StoreWriter recoveredWriter = TestStores.writer(recovered, recoveredConfig);
        try {
            assertNotNull(recovered.preparedTransactions().get("t-held"));
            assertNull(recovered.preparedTransactions().get("t-dropped"), "a dropped record stays dropped");
            assertEquals(42, recovered.transactionDecisions().get("t-decided")[0]);
            String[] holders = recoveredWriter.submit(w -> new String[] {
                    w.holds().holder(held, System.currentTimeMillis()), w.holds().holder(dropped, System.currentTimeMillis())})
                    .get(10, TimeUnit.SECONDS);
            assertEquals("t-held", holders[0], "held again before any write runs");
            assertNull(holders[1]);
            ApiError conflict = assertThrows(ApiError.class, () -> {
                try {
                    recoveredWriter.submit(w -> {
                        w.holds().requireFree(held, null);
                        return null;
                    }).get(10, TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException e) {
                    throw e.getCause();
                }
            });
            assertEquals(ErrorCode.TRANSACTION_CONFLICT, conflict.code());
        } finally {
            recoveredWriter.onShutdown(null);
        }
    }
}
