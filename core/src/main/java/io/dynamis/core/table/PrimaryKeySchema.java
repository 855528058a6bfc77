package io.dynamis.core.table;

/**
 * The primary key of a table (or an index): a partition (HASH) attribute and, optionally, a sort
 * (RANGE) attribute.
 */
public record PrimaryKeySchema(KeyAttribute partitionKey, KeyAttribute sortKey) {

    public boolean hasSortKey() {
        return sortKey != null;
    }

    /** True when {@code name} is the partition key or the sort key. */
    public boolean isKeyAttribute(String name) {
        return partitionKey.name().equals(name) || (sortKey != null && sortKey.name().equals(name));
    }
}
