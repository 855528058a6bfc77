package io.dynamis.item.storage;

import static io.dynamis.item.storage.TestStores.item;
import static io.dynamis.item.storage.TestStores.key;
import static io.dynamis.item.storage.TestStores.storageKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.dynamis.core.key.KeyCodec;
import io.dynamis.core.model.AttributeValue;
import io.dynamis.core.table.IndexDefinition;
import io.dynamis.core.table.KeyAttribute;
import io.dynamis.core.table.PrimaryKeySchema;
import io.dynamis.core.table.TableDefinition;
import io.dynamis.item.config.ItemServiceConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Local index entries are written in the same group commit as their items and recorded in the redo log
 * like them: the files as a crash leaves them (no checkpoint since the writes) open with the index as
 * the acknowledged items say, entries moved, removed and sparse items left out included.
 */
class LocalIndexRecoveryTest {

    private static final long TABLE = 7;
    private static final long INDEX = 8;

    @TempDir
    Path dir;

    @TempDir
    Path crashed;

    /** Table T7 keyed by pk, with a KEYS_ONLY local index (store id 8) sorted by the number v. */
    private static TableDefinition table() {
        TableDefinition plain = TestStores.table(TABLE);
        IndexDefinition byV = new IndexDefinition("byV", false,
                new PrimaryKeySchema(new KeyAttribute("pk", AttributeValue.Type.S), new KeyAttribute("v", AttributeValue.Type.N)),
                IndexDefinition.KEYS_ONLY, List.of(), 0, 0, "ACTIVE", INDEX);
        return new TableDefinition(plain.name(), plain.tableId(), TABLE, 0L, plain.keySchema(), List.of(),
                plain.billingMode(), 0L, 0L, "ACTIVE", null, List.of(byV));
    }

    private static byte[] entryKey(String pk, long v) {
        return KeyCodec.encodeIndexEntry(INDEX, AttributeValue.s(pk), AttributeValue.n(v), null);
    }

    @Test
    void indexEntriesComeBackWithTheirItemsAfterACrash() throws Exception {
        ItemServiceConfig config = TestStores.config(dir, 64, 3_600_000);
        ItemStore store = new ItemStore(config);
        StoreWriter writer = TestStores.writer(store, config);
        TableDefinition table = table();
        try {
            for (int i = 0; i < 50; i++) {
                String pk = "k" + i;
                byte[] stored = item(pk, Map.of("v", AttributeValue.n(i), "other", AttributeValue.s("x")));
                writer.submit(w -> w.putItem(table, key(pk), storageKey(table, pk), stored)).get(10, TimeUnit.SECONDS);
            }
            byte[] moved = item("k1", Map.of("v", AttributeValue.n(100)));
            writer.submit(w -> w.putItem(table, key("k1"), storageKey(table, "k1"), moved)).get(10, TimeUnit.SECONDS);
            writer.submit(w -> w.removeItem(table, key("k0"), storageKey(table, "k0"))).get(10, TimeUnit.SECONDS);
            byte[] sparse = item("k2", Map.of("other", AttributeValue.s("no v")));
            writer.submit(w -> w.putItem(table, key("k2"), storageKey(table, "k2"), sparse)).get(10, TimeUnit.SECONDS);
            TestStores.copyAsACrashLeavesIt(dir, crashed);
        } finally {
            writer.onShutdown(null);
        }

        ItemStore recovered = new ItemStore(TestStores.config(crashed, 64));
        try {
            var entries = new java.util.TreeMap<byte[], byte[]>(java.util.Arrays::compareUnsigned);
            recovered.indexRange(KeyCodec.tablePrefix(INDEX), KeyCodec.tablePrefix(INDEX + 1))
                    .forEach(e -> entries.put(e.getKey(), e.getValue()));
            assertEquals(48, entries.size());
            assertEquals(48, recovered.stats(INDEX)[0], "the index statistics came back with the entries");
            assertNull(entries.get(entryKey("k0", 0)), "a deleted item's entry stays deleted");
            assertNull(entries.get(entryKey("k1", 1)), "a moved item's old entry is gone");
            assertNotNull(entries.get(entryKey("k1", 100)));
            assertEquals(Map.of("pk", AttributeValue.s("k3"), "v", AttributeValue.n(3)),
                    StoredItem.decode(entries.get(entryKey("k3", 3))), "KEYS_ONLY keeps the keys only");
        } finally {
            recovered.close();
        }
    }
}
