package io.dynamis.core.table;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The primary key of a table (or an index): a partition (HASH) attribute and, optionally, a sort
 * (RANGE) attribute.
 *
 * <p>A global secondary index may have a multi-attribute key (DynamoDB, November 2025): up to four
 * partition attributes and up to four sort attributes, in KeySchema order ({@link #partitionKeys},
 * {@link #sortKeys}). {@link #partitionKey} and {@link #sortKey} are then the first of each; code that
 * handles index keys reads the lists. Tables and local indexes always have one of each at most.
 *
 * @param partitionKey  the (first) partition attribute
 * @param sortKey       the (first) sort attribute, or null without a sort key
 * @param partitionKeys every partition attribute, in order (a catalog written before multi-attribute
 *                      keys has none stored: it is then {@code [partitionKey]})
 * @param sortKeys      every sort attribute, in order (empty without a sort key)
 */
public record PrimaryKeySchema(KeyAttribute partitionKey, KeyAttribute sortKey, List<KeyAttribute> partitionKeys,
        List<KeyAttribute> sortKeys) {

    /** DynamoDB's limit on each part of a multi-attribute key. */
    public static final int MAX_ATTRIBUTES_PER_PART = 4;

    public PrimaryKeySchema {
        if (partitionKeys == null || partitionKeys.isEmpty()) {
            partitionKeys = List.of(partitionKey);
        } else {
            partitionKeys = List.copyOf(partitionKeys);
            partitionKey = partitionKeys.get(0);
        }
        if (sortKeys == null || (sortKeys.isEmpty() && sortKey != null)) {
            sortKeys = sortKey == null ? List.of() : List.of(sortKey);
        } else {
            sortKeys = List.copyOf(sortKeys);
            sortKey = sortKeys.isEmpty() ? null : sortKeys.get(0);
        }
    }

    /** A single-attribute key (sortKey null without a sort key). */
    public PrimaryKeySchema(KeyAttribute partitionKey, KeyAttribute sortKey) {
        this(partitionKey, sortKey, null, null);
    }

    /** A key of any number of partition attributes (at least one) and sort attributes, in KeySchema order. */
    public static PrimaryKeySchema of(List<KeyAttribute> partitionKeys, List<KeyAttribute> sortKeys) {
        return new PrimaryKeySchema(partitionKeys.get(0), sortKeys.isEmpty() ? null : sortKeys.get(0), partitionKeys,
                sortKeys);
    }

    public boolean hasSortKey() {
        return sortKey != null;
    }

    /** True when the partition key or the sort key is made of several attributes (a global index only). */
    public boolean multiAttribute() {
        return partitionKeys.size() > 1 || sortKeys.size() > 1;
    }

    /** Every key attribute, partition attributes first, in KeySchema order. */
    public List<KeyAttribute> attributes() {
        List<KeyAttribute> all = new ArrayList<>(partitionKeys);
        all.addAll(sortKeys);
        return all;
    }

    /** Writes the schema as DynamoDB's KeySchema list: the HASH elements, then the RANGE ones, in order. */
    public void describeInto(ArrayNode keySchema) {
        partitionKeys.forEach(attribute -> keySchema.addObject().put("AttributeName", attribute.name())
                .put("KeyType", "HASH"));
        sortKeys.forEach(attribute -> keySchema.addObject().put("AttributeName", attribute.name())
                .put("KeyType", "RANGE"));
    }

    /** True when {@code name} is one of the key attributes. */
    public boolean isKeyAttribute(String name) {
        for (KeyAttribute attribute : partitionKeys) {
            if (attribute.name().equals(name)) {
                return true;
            }
        }
        for (KeyAttribute attribute : sortKeys) {
            if (attribute.name().equals(name)) {
                return true;
            }
        }
        return false;
    }
}
