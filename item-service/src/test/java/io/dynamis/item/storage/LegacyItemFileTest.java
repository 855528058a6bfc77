package io.dynamis.item.storage;

import static io.dynamis.item.storage.TestStores.item;
import static io.dynamis.item.storage.TestStores.key;
import static io.dynamis.item.storage.TestStores.storageKey;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dynamis.core.model.AttributeValue;
import io.dynamis.core.table.TableDefinition;
import io.dynamis.item.config.ItemServiceConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mapdb.DB;
import org.mapdb.DBMaker;
import org.mapdb.Serializer;

/**
 * A shard written by an earlier version (a MapDB file, with values inside or outside its B-tree nodes)
 * is moved into the store file once, at the first start, and everything in it is found again.
 */
class LegacyItemFileTest {

    @TempDir
    Path dir;

    @Test
    void anEarlierVersionsFileIsMovedOnceWithEverythingInIt() throws Exception {
        TableDefinition table = TestStores.table(3);
        byte[] inline = item("inline", Map.of("v", AttributeValue.n(1)));
        byte[] outside = item("outside", Map.of("v", AttributeValue.n(2)));
        try (DB db = DBMaker.fileDB(dir.resolve("shard-0.db").toFile()).transactionEnable().make()) {
            db.treeMap("items", Serializer.BYTE_ARRAY, Serializer.BYTE_ARRAY).createOrOpen()
                    .put(storageKey(table, "inline"), inline);
            db.treeMap("local-indexes", Serializer.BYTE_ARRAY, Serializer.BYTE_ARRAY).valuesOutsideNodesEnable()
                    .createOrOpen().put(storageKey(TestStores.table(4), "outside"), outside);
            db.hashMap("catalog", Serializer.STRING, Serializer.BYTE_ARRAY).createOrOpen().put("T3", new byte[] {1, 2});
            db.hashMap("table-stats", Serializer.LONG, Serializer.LONG_ARRAY).createOrOpen().put(3L, new long[] {1, 40});
            db.treeMap("change-log", Serializer.LONG, Serializer.BYTE_ARRAY).createOrOpen().put(7L, new byte[] {7});
            db.atomicLong("next-store-id", 1).createOrOpen().set(5);
            db.atomicLong("change-log-last-sequence", 0).createOrOpen().set(7);
            db.atomicLong("change-log-relayed-sequence", 0).createOrOpen().set(6);
            db.commit();
        }

        ItemServiceConfig config = TestStores.config(dir, 64);
        try (TestStores.Open open = TestStores.Open.at(config)) {
            ItemStore store = open.store();
            assertArrayEquals(inline, store.get(storageKey(table, "inline")));
            assertArrayEquals(outside, store.indexRange(storageKey(TestStores.table(4), "outside"), null)
                    .iterator().next().getValue());
            assertArrayEquals(new byte[] {1, 2}, store.catalog().get("T3"));
            assertArrayEquals(new long[] {1, 40}, store.stats(3));
            assertEquals(java.util.List.of(7L), ChangeLogTest.sequences(store));
            assertEquals(7, store.lastSequence());
            assertEquals(6, store.relayedSequence());
            assertEquals(5, open.writer().submit(w -> store.allocateStoreId()).get(10, TimeUnit.SECONDS));
            byte[] next = item("new", Map.of("v", AttributeValue.n(3)));
            open.put(table, "new", next);
        }
        assertFalse(Files.exists(dir.resolve("shard-0.db")), "the earlier file is not opened again");
        assertTrue(Files.exists(dir.resolve("shard-0.db.migrated")), "the earlier file is kept for the user");

        try (TestStores.Open again = TestStores.Open.at(config)) {
            assertArrayEquals(inline, again.store().get(storageKey(table, "inline")));
            assertEquals(2, again.store().stats(3)[0], "the write after the move counted");
        }
    }
}
