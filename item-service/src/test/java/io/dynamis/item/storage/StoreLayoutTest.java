package io.dynamis.item.storage;

import static io.dynamis.item.storage.TestStores.item;
import static io.dynamis.item.storage.TestStores.key;
import static io.dynamis.item.storage.TestStores.storageKey;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dynamis.core.model.AttributeValue;
import io.dynamis.core.table.TableDefinition;
import io.dynamis.item.config.ItemServiceConfig;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mapdb.BTreeMap;
import org.mapdb.DB;
import org.mapdb.DBMaker;
import org.mapdb.Serializer;

/**
 * The store keeps values outside its B-tree nodes (a write rewrites a node of keys, not of whole items),
 * and a file made with values inside the nodes, as earlier versions made it, still opens and serves.
 */
class StoreLayoutTest {

    @TempDir
    Path dir;

    @Test
    void newFilesKeepValuesOutsideTheNodes() throws Exception {
        new ItemStore(TestStores.config(dir, 64)).close();
        try (DB db = DBMaker.fileDB(dir.resolve("shard-0.db").toFile()).transactionEnable().make()) {
            Map<String, String> catalog = db.nameCatalogLoad();
            assertEquals("false", catalog.get("items#valueInline"));
            assertEquals("false", catalog.get("change-log#valueInline"));
            assertEquals("false", catalog.get("local-indexes#valueInline"));
        }
    }

    @Test
    void aFileWithValuesInsideTheNodesStillOpensAndTakesWrites() throws Exception {
        TableDefinition table = TestStores.table(3);
        byte[] old = item("old", Map.of("v", AttributeValue.n(1)));
        try (DB db = DBMaker.fileDB(dir.resolve("shard-0.db").toFile()).transactionEnable().make()) {
            BTreeMap<byte[], byte[]> items = db.treeMap("items", Serializer.BYTE_ARRAY, Serializer.BYTE_ARRAY).createOrOpen();
            items.put(storageKey(table, "old"), old);
            db.commit();
        }
        ItemServiceConfig config = TestStores.config(dir, 64);
        ItemStore store = new ItemStore(config);
        StoreWriter writer = TestStores.writer(store, config);
        try {
            assertArrayEquals(old, store.get(storageKey(table, "old")));
            byte[] next = item("new", Map.of("v", AttributeValue.n(2)));
            writer.submit(w -> w.putItem(table, key("new"), storageKey(table, "new"), next)).get(10, TimeUnit.SECONDS);
            assertArrayEquals(next, store.get(storageKey(table, "new")));
        } finally {
            writer.onShutdown(null);
        }
        try (DB db = DBMaker.fileDB(dir.resolve("shard-0.db").toFile()).transactionEnable().make()) {
            assertEquals("true", db.nameCatalogLoad().get("items#valueInline"), "the file keeps the layout it was made with");
        }
    }
}
