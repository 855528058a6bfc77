package io.dynamis.item.storage;

import static io.dynamis.item.storage.TestStores.item;
import static io.dynamis.item.storage.TestStores.key;
import static io.dynamis.item.storage.TestStores.storageKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dynamis.core.change.ChangeLogTopic;
import io.dynamis.core.change.ChangeRecord;
import io.dynamis.core.change.ChangeRecordCodec;
import io.dynamis.core.model.AttributeValue;
import io.dynamis.core.table.TableDefinition;
import io.dynamis.item.config.ItemServiceConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The write-ahead change log: one record per item change, in the same commit, on a real store file. */
class ChangeLogTest {

    @TempDir
    Path dir;

    private static List<ChangeRecord> records(ItemStore store) {
        List<ChangeRecord> records = new ArrayList<>();
        store.changesAfter(0).forEach(entry -> records.add(ChangeRecordCodec.decode(LogEntry.record(entry.getValue()))));
        return records;
    }

    @Test
    void everyItemChangeAppendsOneStreamsRecordInOrder() throws Exception {
        TableDefinition table = TestStores.table(1);
        byte[] v1 = item("x", Map.of("v", AttributeValue.n(1)));
        byte[] v2 = item("x", Map.of("v", AttributeValue.n(2)));
        try (TestStores.Open open = TestStores.Open.at(TestStores.config(dir, 64))) {
            ItemStore store = open.store();
            open.put(table, "x", v1);
            open.put(table, "x", v2);
            open.remove(table, "x");
            open.remove(table, "x");

            List<ChangeRecord> records = records(store);
            assertEquals(3, records.size(), "removing a missing item records nothing");
            assertEquals(List.of(ChangeRecord.EventName.INSERT, ChangeRecord.EventName.MODIFY, ChangeRecord.EventName.REMOVE),
                    records.stream().map(ChangeRecord::eventName).toList());
            assertEquals(List.of(1L, 2L, 3L), records.stream().map(ChangeRecord::sequence).toList());
            ChangeRecord modify = records.get(1);
            assertEquals(table.name(), modify.tableName());
            assertEquals(table.tableId(), modify.tableId());
            assertEquals(3, modify.shard());
            assertEquals(Map.of("pk", AttributeValue.s("x")), modify.keys());
            assertEquals(StoredItem.decode(v1), modify.oldImage());
            assertEquals(StoredItem.decode(v2), modify.newImage());
            assertEquals(ChangeRecord.Origin.USER, modify.origin());
            assertEquals(3 + 6 + 6, modify.sizeBytes(), "keys plus both images, in DynamoDB item bytes");
            assertNull(records.get(0).oldImage());
            assertNull(records.get(2).newImage());
            assertTrue(records.get(2).commitTimeMillis() >= records.get(0).commitTimeMillis());
            byte[] entry = store.firstChangeAfter(0).getValue();
            assertEquals(ChangeLogTopic.key(table.tableId(), AttributeValue.s("x")), LogEntry.kafkaKey(entry));
        }
    }

    @Test
    void aPutThatChangesNothingRecordsNothing() throws Exception {
        TableDefinition table = TestStores.table(1);
        try (TestStores.Open open = TestStores.Open.at(TestStores.config(dir, 64))) {
            Map<String, AttributeValue> a = new java.util.LinkedHashMap<>();
            a.put("pk", AttributeValue.s("x"));
            a.put("v", AttributeValue.n(1));
            Map<String, AttributeValue> sameInOtherOrder = new java.util.LinkedHashMap<>();
            sameInOtherOrder.put("v", AttributeValue.n(1));
            sameInOtherOrder.put("pk", AttributeValue.s("x"));
            open.put(table, "x", StoredItem.encode(a));
            open.put(table, "x", StoredItem.encode(a));
            open.put(table, "x", StoredItem.encode(sameInOtherOrder));
            assertEquals(1, records(open.store()).size());
        }
    }

    @Test
    void sequenceNumbersContinueAfterReopeningAndTrimming() throws Exception {
        ItemServiceConfig config = TestStores.config(dir, 64);
        TableDefinition table = TestStores.table(1);
        try (TestStores.Open open = TestStores.Open.at(config)) {
            for (int i = 0; i < 5; i++) {
                open.put(table, "k" + i, item("k" + i, Map.of()));
            }
            open.writer().submit(w -> {
                w.markRelayed(3);
                return null;
            }).get(10, TimeUnit.SECONDS);
            int trimmed = open.writer().submit(w -> w.trimLog(Long.MAX_VALUE, 100)).get(10, TimeUnit.SECONDS);
            assertEquals(3, trimmed, "only what the broker acknowledged is trimmed");
        }
        try (TestStores.Open again = TestStores.Open.at(config)) {
            assertEquals(3, again.store().relayedSequence());
            assertEquals(5, again.writer().durableSequence());
            again.put(table, "k9", item("k9", Map.of()));
            assertEquals(List.of(4L, 5L, 6L), sequences(again.store()));
            assertEquals(0, (int) again.writer().submit(w -> w.trimLog(0, 100)).get(10, TimeUnit.SECONDS),
                    "entries younger than the retention stay");
        }
    }

    /** The sequence numbers the store's change log holds, in order. */
    static List<Long> sequences(ItemStore store) {
        List<Long> sequences = new java.util.ArrayList<>();
        store.changesAfter(0).forEach(entry -> sequences.add(entry.getKey()));
        return sequences;
    }
}
