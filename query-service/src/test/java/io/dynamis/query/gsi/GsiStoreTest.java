package io.dynamis.query.gsi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.dynamis.core.key.KeyCodec;
import io.dynamis.core.model.AttributeValue;
import io.dynamis.core.query.KeyRange;
import io.dynamis.core.table.IndexDefinition;
import io.dynamis.core.table.KeyAttribute;
import io.dynamis.core.table.PrimaryKeySchema;
import io.dynamis.core.table.TableDefinition;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The index store in a real store file: entries of a reset or retired index are purged, in batches, and stay gone. */
class GsiStoreTest {

    private static final PrimaryKeySchema KEY = new PrimaryKeySchema(new KeyAttribute("pk", AttributeValue.Type.S), null);
    private static final IndexDefinition BY_G = new IndexDefinition("byG", true,
            new PrimaryKeySchema(new KeyAttribute("g", AttributeValue.Type.S), null), IndexDefinition.KEYS_ONLY,
            List.of(), 0, 0, "ACTIVE");
    private static final TableDefinition TABLE = new TableDefinition("t", "table-1", 1, 0, KEY,
            List.of(KEY.partitionKey()), TableDefinition.PAY_PER_REQUEST, 0, 0, "ACTIVE", null, List.of(BY_G));

    @TempDir
    Path dir;

    private static Map<String, AttributeValue> item(int i) {
        return Map.of("pk", new AttributeValue.Str("p" + i), "g", new AttributeValue.Str("g" + (i % 3)),
                "n", new AttributeValue.Num(BigDecimal.valueOf(i)));
    }

    private static int entriesOf(GsiStore store, long id) {
        int entries = 0;
        for (var ignored : store.range(KeyCodec.tablePrefix(id), KeyRange.successor(KeyCodec.tablePrefix(id)), true)) {
            entries++;
        }
        return entries;
    }

    private static void fill(GsiStore store, int items) {
        for (int i = 0; i < items; i++) {
            store.apply(TABLE, BY_G, null, item(i));
        }
        store.commit();
    }

    @Test
    void theEntriesOfARetiredIndexArePurgedInBatches() {
        long id;
        try (var closing = new Closing(new GsiStore(dir))) {
            GsiStore store = closing.store;
            fill(store, 25);
            id = store.indexId("table-1", "byG");
            assertEquals(Set.of("table-1/byG"), store.indexes());
            store.retire("table-1/byG");
            assertNull(store.indexId("table-1", "byG"));
            assertEquals(25, entriesOf(store, id), "retired, not purged yet");
            assertEquals(10, store.purgeRetired(10));
            store.commit();
            assertEquals(15, entriesOf(store, id));
        }
        try (var closing = new Closing(new GsiStore(dir))) {
            GsiStore store = closing.store;
            assertEquals(15, entriesOf(store, id), "what is left to purge is still known after a restart");
            assertEquals(15, store.purgeRetired(100));
            assertEquals(0, store.purgeRetired(100));
            store.commit();
            assertEquals(0, entriesOf(store, id));
            assertArrayEquals(new long[2], store.stats("table-1", "byG"));
        }
    }

    @Test
    void aResetIndexStartsEmptyAndItsOldEntriesArePurged() {
        try (var closing = new Closing(new GsiStore(dir))) {
            GsiStore store = closing.store;
            fill(store, 6);
            long old = store.indexId("table-1", "byG");
            store.reset("table-1", "byG");
            long fresh = store.indexId("table-1", "byG");
            assertEquals(0, entriesOf(store, fresh));
            fill(store, 2);
            assertEquals(6, store.purgeRetired(100));
            assertEquals(0, entriesOf(store, old));
            assertEquals(2, entriesOf(store, fresh), "the new index keeps its entries");
        }
    }

    @Test
    void theCountsFollowEveryChangeOfABatchAndARolledBackBatchLeavesThemAsTheyWere() {
        try (var closing = new Closing(new GsiStore(dir))) {
            GsiStore store = closing.store;
            fill(store, 3);
            long[] three = store.stats("table-1", "byG");
            assertEquals(3, three[0]);
            long bytesOfOne = three[1] / 3;

            store.apply(TABLE, BY_G, null, item(3));
            store.apply(TABLE, BY_G, item(0), null);
            store.apply(TABLE, BY_G, item(1), item(1)); // the same entry again: still one
            store.rollback();
            assertArrayEquals(three, store.stats("table-1", "byG"), "a rolled-back batch counts for nothing");

            store.apply(TABLE, BY_G, null, item(3));
            store.apply(TABLE, BY_G, null, item(4));
            store.apply(TABLE, BY_G, item(0), null);
            store.apply(TABLE, BY_G, item(1), item(1));
            store.saveStats();
            long[] four = store.stats("table-1", "byG");
            assertEquals(4, four[0]);
            assertEquals(three[1] + bytesOfOne, four[1]);
            store.commit();
        }
        try (var closing = new Closing(new GsiStore(dir))) {
            assertEquals(4, closing.store.stats("table-1", "byG")[0], "saved with the commit");
        }
    }

    /** Closes the store at the end of a block (the store file is locked while open). */
    private record Closing(GsiStore store) implements AutoCloseable {
        @Override
        public void close() {
            store.close();
        }
    }
}
