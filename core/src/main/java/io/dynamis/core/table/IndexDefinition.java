package io.dynamis.core.table;

import java.util.List;

/**
 * A secondary index of a table, as declared at CreateTable (or added later, for a global one).
 *
 * @param name             the index name (unique within the table)
 * @param global           true for a global secondary index, false for a local one
 * @param keySchema        the index key: for a local index the table's partition key and another sort key
 * @param projectionType   ALL, KEYS_ONLY or INCLUDE
 * @param nonKeyAttributes the attributes INCLUDE projects besides the keys (empty otherwise)
 * @param readCapacityUnits  provisioned read capacity of a global index (0 on demand or for a local index)
 * @param writeCapacityUnits provisioned write capacity of a global index
 * @param status           ACTIVE, or CREATING while a global index added later is backfilled
 * @param storeId          for a local index, the number that prefixes its entries in item-service's
 *                         index map (allocated at CreateTable, never reused); 0 for a global index
 */
public record IndexDefinition(
        String name,
        boolean global,
        PrimaryKeySchema keySchema,
        String projectionType,
        List<String> nonKeyAttributes,
        long readCapacityUnits,
        long writeCapacityUnits,
        String status,
        long storeId) {

    public static final String ALL = "ALL";
    public static final String KEYS_ONLY = "KEYS_ONLY";
    public static final String INCLUDE = "INCLUDE";

    public IndexDefinition {
        nonKeyAttributes = nonKeyAttributes == null ? List.of() : List.copyOf(nonKeyAttributes);
    }

    /** An index without a store id yet (a global index, or a local one before CreateTable allocates it). */
    public IndexDefinition(String name, boolean global, PrimaryKeySchema keySchema, String projectionType,
            List<String> nonKeyAttributes, long readCapacityUnits, long writeCapacityUnits, String status) {
        this(name, global, keySchema, projectionType, nonKeyAttributes, readCapacityUnits, writeCapacityUnits, status, 0);
    }

    /** The same index with its store id. */
    public IndexDefinition withStoreId(long newStoreId) {
        return new IndexDefinition(name, global, keySchema, projectionType, nonKeyAttributes, readCapacityUnits,
                writeCapacityUnits, status, newStoreId);
    }

    /** The same index in another state (CREATING, ACTIVE, ...). */
    public IndexDefinition withStatus(String newStatus) {
        return new IndexDefinition(name, global, keySchema, projectionType, nonKeyAttributes, readCapacityUnits,
                writeCapacityUnits, newStatus, storeId);
    }

    /** The same index with another provisioned throughput (0 and 0 for on demand). */
    public IndexDefinition withThroughput(long newReadUnits, long newWriteUnits) {
        return new IndexDefinition(name, global, keySchema, projectionType, nonKeyAttributes, newReadUnits,
                newWriteUnits, status, storeId);
    }

    /** The local secondary indexes of a table, in declaration order. */
    public static List<IndexDefinition> locals(List<IndexDefinition> indexes) {
        if (indexes.isEmpty()) {
            return List.of(); // every item change of a table without indexes asks (the writer's LocalIndexWriter)
        }
        return indexes.stream().filter(index -> !index.global()).toList();
    }

    /** Whether an attribute is in the index's entries: its keys, the table's keys, and what it projects. */
    public boolean projects(String attribute, PrimaryKeySchema tableKey) {
        if (ALL.equals(projectionType) || isKey(attribute, keySchema) || isKey(attribute, tableKey)) {
            return true;
        }
        return INCLUDE.equals(projectionType) && nonKeyAttributes.contains(attribute);
    }

    /**
     * An item as this index keeps it: whole for ALL; else the table's keys, the index's keys and, for
     * INCLUDE, the listed attributes the item has.
     */
    public java.util.Map<String, io.dynamis.core.model.AttributeValue> project(
            java.util.Map<String, io.dynamis.core.model.AttributeValue> item, PrimaryKeySchema tableKey) {
        if (ALL.equals(projectionType)) {
            return item;
        }
        java.util.Map<String, io.dynamis.core.model.AttributeValue> entry = new java.util.LinkedHashMap<>();
        item.forEach((attribute, value) -> {
            if (projects(attribute, tableKey)) {
                entry.put(attribute, value);
            }
        });
        return entry;
    }

    private static boolean isKey(String attribute, PrimaryKeySchema schema) {
        return schema.isKeyAttribute(attribute);
    }
}
