package io.dynamis.core.table;

/**
 * The primary key of a table (or an index): a partition (HASH) attribute and, optionally, a sort
 * (RANGE) attribute.
 */
public record PrimaryKeySchema(KeyAttribute partitionKey, KeyAttribute sortKey) {

    public boolean hasSortKey() {
        return sortKey != null;
    }
}
