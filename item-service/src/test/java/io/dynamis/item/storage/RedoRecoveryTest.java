package io.dynamis.item.storage;

import static io.dynamis.item.storage.TestStores.item;
import static io.dynamis.item.storage.TestStores.key;
import static io.dynamis.item.storage.TestStores.storageKey;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.dynamis.core.model.AttributeValue;
import io.dynamis.core.table.TableDefinition;
import io.dynamis.item.config.ItemServiceConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Group commits are durable in the redo log before any checkpoint: the files as a crash leaves them
 * (copied while the store is open, without a checkpoint) open with every acknowledged change.
 */
class RedoRecoveryTest {

    @TempDir
    Path dir;

    @TempDir
    Path crashed;

    @Test
    void acknowledgedChangesSinceTheLastCheckpointAreReplayedAndATornTailIsIgnored() throws Exception {
        ItemServiceConfig config = TestStores.config(dir, 64, 3_600_000);
        ItemStore store = new ItemStore(config);
        StoreWriter writer = TestStores.writer(store, config);
        TableDefinition table = TestStores.table(7);
        try {
            for (int i = 0; i < 100; i++) {
                String pk = "k" + i;
                writer.submit(w -> w.putItem(table, key(pk), storageKey(table, pk), item(pk, Map.of("v", AttributeValue.n(1)))))
                        .get(10, TimeUnit.SECONDS);
            }
            writer.submit(w -> w.removeItem(table, key("k0"), storageKey(table, "k0"))).get(10, TimeUnit.SECONDS);
            TestStores.copyAsACrashLeavesIt(dir, crashed);
        } finally {
            writer.onShutdown(null);
        }
        Files.write(crashed.resolve("shard-0.redo"), new byte[] {0, 0, 1, 0, 42, 42}, StandardOpenOption.APPEND);

        ItemStore recovered = new ItemStore(TestStores.config(crashed, 64));
        try {
            assertNull(recovered.get(storageKey(table, "k0")));
            assertArrayEquals(item("k99", Map.of("v", AttributeValue.n(1))), recovered.get(storageKey(table, "k99")));
            assertEquals(99, recovered.stats(7)[0]);
            assertEquals(101, recovered.lastSequence(), "the change log came back with the items");
            assertEquals(101, recovered.changeCount());
            assertEquals(0, Files.size(crashed.resolve("shard-0.redo")), "recovery ends with a checkpoint");
        } finally {
            recovered.close();
        }
    }

    @Test
    void transactionClientTokensComeBackAfterACrash() throws Exception {
        ItemServiceConfig config = TestStores.config(dir, 64, 3_600_000);
        ItemStore store = new ItemStore(config);
        StoreWriter writer = TestStores.writer(store, config);
        try {
            writer.submit(w -> {
                w.putTransactionToken("token-1", new byte[] {1, 2, 3});
                w.putTransactionToken("token-2", new byte[] {4});
                return null;
            }).get(10, TimeUnit.SECONDS);
            writer.submit(w -> w.expireTransactionTokens(record -> record.length == 1)).get(10, TimeUnit.SECONDS);
            TestStores.copyAsACrashLeavesIt(dir, crashed);
        } finally {
            writer.onShutdown(null);
        }

        ItemStore recovered = new ItemStore(TestStores.config(crashed, 64));
        try {
            assertArrayEquals(new byte[] {1, 2, 3}, recovered.transactionToken("token-1"));
            assertNull(recovered.transactionToken("token-2"), "the expired token stays forgotten");
        } finally {
            recovered.close();
        }
    }

    @Test
    void principalsComeBackAfterACrashAndADeletedOneStaysDeleted() throws Exception {
        ItemServiceConfig config = TestStores.config(dir, 64, 3_600_000);
        ItemStore store = new ItemStore(config);
        StoreWriter writer = TestStores.writer(store, config);
        io.dynamis.item.principals.PrincipalStore principals = new io.dynamis.item.principals.PrincipalStore(store, writer);
        String before = principals.generation();
        try {
            principals.put("alice", io.dynamis.core.json.Json.object().put("name", "alice"), true).get(10, TimeUnit.SECONDS);
            principals.put("bob", io.dynamis.core.json.Json.object().put("name", "bob"), true).get(10, TimeUnit.SECONDS);
            principals.remove("bob").get(10, TimeUnit.SECONDS);
            assertEquals(false, before.equals(principals.generation()));
            var taken = org.junit.jupiter.api.Assertions.assertThrows(java.util.concurrent.ExecutionException.class,
                    () -> principals.put("alice", io.dynamis.core.json.Json.object(), true).get(10, TimeUnit.SECONDS));
            assertEquals("ResourceInUseException", ((io.dynamis.core.error.ApiError) taken.getCause()).code().errorName());
            TestStores.copyAsACrashLeavesIt(dir, crashed);
        } finally {
            writer.onShutdown(null);
        }

        ItemStore recovered = new ItemStore(TestStores.config(crashed, 64));
        try {
            assertEquals(java.util.Set.of("alice"), recovered.principals().keySet());
            assertEquals("alice", io.dynamis.core.json.Json.readTree(recovered.principals().get("alice")).path("name").asText());
        } finally {
            recovered.close();
        }
    }
}
