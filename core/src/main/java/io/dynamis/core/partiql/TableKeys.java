package io.dynamis.core.partiql;

import com.fasterxml.jackson.databind.JsonNode;
import io.dynamis.core.error.ApiError;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The key attributes of a table and of its indexes, as planning needs them: read from the table's
 * description ({@code DescribeTable}'s {@code Table}).
 */
public record TableKeys(String table, Keys primary, Map<String, Keys> indexes) {

    /**
     * The partition key attributes and the sort key attributes, each in key-schema order: one and at most
     * one for a table or a local index, up to four of each for a global index with a multi-attribute key.
     */
    public record Keys(List<String> partitionKeys, List<String> sortKeys) {

        public Keys {
            partitionKeys = List.copyOf(partitionKeys);
            sortKeys = List.copyOf(sortKeys);
        }

        /** A single partition key and, unless null, a single sort key. */
        public Keys(String partitionKey, String sortKey) {
            this(List.of(partitionKey), sortKey == null ? List.of() : List.of(sortKey));
        }

        /** The (first) partition key attribute: the table's own, for a write. */
        public String partitionKey() {
            return partitionKeys.get(0);
        }

        /** The (first) sort key attribute, or null when there is none. */
        public String sortKey() {
            return sortKeys.isEmpty() ? null : sortKeys.get(0);
        }

        /** Every key attribute: the partition attributes, then the sort attributes. */
        public List<String> all() {
            List<String> all = new ArrayList<>(partitionKeys);
            all.addAll(sortKeys);
            return all;
        }

        public boolean isKey(String name) {
            return partitionKeys.contains(name) || sortKeys.contains(name);
        }
    }

    /** The keys described by {@code DescribeTable}'s {@code Table} member. */
    public static TableKeys of(JsonNode description) {
        Map<String, Keys> indexes = new HashMap<>();
        for (String kind : new String[] {"GlobalSecondaryIndexes", "LocalSecondaryIndexes"}) {
            for (JsonNode index : description.path(kind)) {
                indexes.put(index.path("IndexName").asText(), keys(index.path("KeySchema")));
            }
        }
        return new TableKeys(description.path("TableName").asText(), keys(description.path("KeySchema")), Map.copyOf(indexes));
    }

    private static Keys keys(JsonNode schema) {
        List<String> partition = new ArrayList<>();
        List<String> sort = new ArrayList<>();
        for (JsonNode element : schema) {
            ("HASH".equals(element.path("KeyType").asText()) ? partition : sort)
                    .add(element.path("AttributeName").asText());
        }
        return new Keys(partition, sort);
    }

    /** The keys of the table, or of the named index (a ValidationException when the table has no such index). */
    public Keys target(String index) {
        if (index == null) {
            return primary;
        }
        Keys keys = indexes.get(index);
        if (keys == null) {
            throw ApiError.validation("The table does not have the specified index: " + index);
        }
        return keys;
    }
}
