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
 */
public record IndexDefinition(
        String name,
        boolean global,
        PrimaryKeySchema keySchema,
        String projectionType,
        List<String> nonKeyAttributes,
        long readCapacityUnits,
        long writeCapacityUnits,
        String status) {

    public static final String ALL = "ALL";
    public static final String KEYS_ONLY = "KEYS_ONLY";
    public static final String INCLUDE = "INCLUDE";

    public IndexDefinition {
        nonKeyAttributes = nonKeyAttributes == null ? List.of() : List.copyOf(nonKeyAttributes);
    }
}
