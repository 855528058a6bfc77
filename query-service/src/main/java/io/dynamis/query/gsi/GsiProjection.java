package io.dynamis.query.gsi;

import io.dynamis.core.model.AttributeValue;
import io.dynamis.core.table.IndexDefinition;
import io.dynamis.core.table.PrimaryKeySchema;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an index keeps of an item, by its ProjectionType: ALL the whole item; KEYS_ONLY the table key
 * and the index key; INCLUDE those and the NonKeyAttributes the item has.
 */
public final class GsiProjection {

    private GsiProjection() {
    }

    /** The index key of an item: the index's partition (and sort) values, or null when the item lacks one (sparse index). */
    public static AttributeValue[] indexKey(PrimaryKeySchema indexSchema, Map<String, AttributeValue> item) {
        if (item == null) {
            return null;
        }
        AttributeValue partition = item.get(indexSchema.partitionKey().name());
        if (partition == null || partition.type() != indexSchema.partitionKey().type()) {
            return null;
        }
        AttributeValue sort = null;
        if (indexSchema.hasSortKey()) {
            sort = item.get(indexSchema.sortKey().name());
            if (sort == null || sort.type() != indexSchema.sortKey().type()) {
                return null;
            }
        }
        return new AttributeValue[] {partition, sort};
    }

    /** The item as the index holds it. */
    public static Map<String, AttributeValue> project(IndexDefinition index, PrimaryKeySchema tableSchema,
            Map<String, AttributeValue> item) {
        if (IndexDefinition.ALL.equals(index.projectionType())) {
            return item;
        }
        Map<String, AttributeValue> projected = new LinkedHashMap<>();
        copy(item, projected, tableSchema.partitionKey().name());
        if (tableSchema.hasSortKey()) {
            copy(item, projected, tableSchema.sortKey().name());
        }
        copy(item, projected, index.keySchema().partitionKey().name());
        if (index.keySchema().hasSortKey()) {
            copy(item, projected, index.keySchema().sortKey().name());
        }
        if (IndexDefinition.INCLUDE.equals(index.projectionType())) {
            for (String attribute : index.nonKeyAttributes()) {
                copy(item, projected, attribute);
            }
        }
        return projected;
    }

    private static void copy(Map<String, AttributeValue> from, Map<String, AttributeValue> to, String name) {
        AttributeValue value = from.get(name);
        if (value != null) {
            to.put(name, value);
        }
    }
}
