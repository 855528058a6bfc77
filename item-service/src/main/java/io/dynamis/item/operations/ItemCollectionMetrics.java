package io.dynamis.item.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.json.AttributeValueCodec;
import io.dynamis.core.model.AttributeValue;
import io.dynamis.core.table.IndexDefinition;
import io.dynamis.core.table.TableDefinition;
import java.util.List;
import java.util.Map;

/**
 * ReturnItemCollectionMetrics=SIZE: on a table with local secondary indexes, a write answers the size
 * of the item collection it touched (the items sharing its partition key, with their index entries) as
 * DynamoDB does: {@code {"ItemCollectionKey": {pk}, "SizeEstimateRangeGB": [lo, hi]}}, the whole
 * gigabytes below and above the exact size (DynamoDB's estimate is such a 1 GB range too, [0.0, 1.0]
 * for every collection under a gigabyte). A table without local indexes has no item collections, so
 * nothing is answered.
 */
final class ItemCollectionMetrics {

    private static final double GB = 1024.0 * 1024 * 1024;

    private ItemCollectionMetrics() {
    }

    /** Whether the table has item collections to report. */
    static boolean apply(TableDefinition table) {
        return !IndexDefinition.locals(table.indexes()).isEmpty();
    }

    static void report(ObjectNode response, TableDefinition table, AttributeValue partition, long bytes) {
        response.set("ItemCollectionMetrics", of(table, partition, bytes));
    }

    /** One collection's metrics. */
    static ObjectNode of(TableDefinition table, AttributeValue partition, long bytes) {
        ObjectNode metrics = io.dynamis.core.json.Json.object();
        metrics.set("ItemCollectionKey", AttributeValueCodec.encodeItem(
                Map.of(table.keySchema().partitionKey().name(), partition)));
        double low = Math.floor(bytes / GB);
        metrics.putArray("SizeEstimateRangeGB").add(low).add(low + 1);
        return metrics;
    }

    /**
     * The metrics of a batch or transaction: per table with local indexes, one entry per write, in
     * request order ({@code {"<table>": [metrics, ...]}}); null when no write touched such a table.
     */
    static ObjectNode perTable(List<Measured> measured) {
        if (measured.isEmpty()) {
            return null;
        }
        ObjectNode byTable = io.dynamis.core.json.Json.object();
        for (Measured m : measured) {
            com.fasterxml.jackson.databind.node.ArrayNode list = byTable.has(m.table().name())
                    ? (com.fasterxml.jackson.databind.node.ArrayNode) byTable.get(m.table().name())
                    : byTable.putArray(m.table().name());
            list.add(of(m.table(), m.partition(), m.bytes()));
        }
        return byTable;
    }

    /** An item collection measured after a write. */
    record Measured(TableDefinition table, AttributeValue partition, long bytes) {
    }

    /** Measures, on the writer thread, the collections of the writes on tables with local indexes. */
    static List<Measured> measure(List<ItemWrite> writes, io.dynamis.item.storage.StoreWrites store) {
        List<Measured> measured = new java.util.ArrayList<>();
        for (ItemWrite write : writes) {
            if (write.action() != ItemWrite.Action.CHECK && apply(write.table())) {
                measured.add(new Measured(write.table(), write.key().partition(),
                        store.itemCollectionBytes(write.table(), write.key().partition())));
            }
        }
        return measured;
    }
}
