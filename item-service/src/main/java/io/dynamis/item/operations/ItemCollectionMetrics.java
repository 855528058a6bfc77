package io.dynamis.item.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.json.AttributeValueCodec;
import io.dynamis.core.model.AttributeValue;
import io.dynamis.core.table.IndexDefinition;
import io.dynamis.core.table.TableDefinition;
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
        ObjectNode metrics = response.putObject("ItemCollectionMetrics");
        metrics.set("ItemCollectionKey", AttributeValueCodec.encodeItem(
                Map.of(table.keySchema().partitionKey().name(), partition)));
        double low = Math.floor(bytes / GB);
        metrics.putArray("SizeEstimateRangeGB").add(low).add(low + 1);
    }
}
