package io.dynamis.query.gsi;

import io.dynamis.core.key.PrimaryKeys;
import io.dynamis.core.model.AttributeValue;
import io.dynamis.core.table.IndexDefinition;
import io.dynamis.core.table.KeyAttribute;
import io.dynamis.core.table.PrimaryKeySchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an index keeps of an item, by its ProjectionType: ALL the whole item; KEYS_ONLY the table key
 * and the index key; INCLUDE those and the NonKeyAttributes the item has.
 */
public final class GsiProjection {

    private GsiProjection() {
    }

    /**
     * The index key of an item: the values of the index's partition attributes, then of its sort
     * attributes, in KeySchema order; null when the item lacks one of them, has it with another type (the
     * index is sparse: such an item is not in it) or with a value no key may hold (empty, or over the key
     * size limits: writes refuse such values once the index exists, so only a backfill meets them, and
     * DynamoDB's backfill leaves such an item out as an index key violation).
     */
    public static IndexKey indexKey(PrimaryKeySchema indexSchema, Map<String, AttributeValue> item) {
        if (item == null) {
            return null;
        }
        List<AttributeValue> partition = values(indexSchema.partitionKeys(), item, true);
        List<AttributeValue> sort = values(indexSchema.sortKeys(), item, false);
        return partition == null || sort == null ? null : new IndexKey(partition, sort);
    }

    /** An item's index key: its partition values and sort values, in KeySchema order. */
    public record IndexKey(List<AttributeValue> partition, List<AttributeValue> sort) {
    }

    private static List<AttributeValue> values(List<KeyAttribute> attributes, Map<String, AttributeValue> item,
            boolean partition) {
        List<AttributeValue> values = new ArrayList<>(attributes.size());
        for (KeyAttribute attribute : attributes) {
            AttributeValue value = item.get(attribute.name());
            if (value == null || value.type() != attribute.type() || !PrimaryKeys.fitsKey(value, partition)) {
                return null;
            }
            values.add(value);
        }
        return values;
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
        for (KeyAttribute attribute : index.keySchema().attributes()) {
            copy(item, projected, attribute.name());
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
