package io.dynamis.core.partiql;

import com.fasterxml.jackson.databind.JsonNode;
import io.dynamis.core.error.ApiError;
import java.util.HashMap;
import java.util.Map;

/**
 * The key attributes of a table and of its indexes, as planning needs them: read from the table's
 * description ({@code DescribeTable}'s {@code Table}).
 */
public record TableKeys(String table, Keys primary, Map<String, Keys> indexes) {

    /** A partition key and, when there is one, a sort key. */
    public record Keys(String partitionKey, String sortKey) {

        public boolean isKey(String name) {
            return partitionKey.equals(name) || name.equals(sortKey);
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
        String partition = null;
        String sort = null;
        for (JsonNode element : schema) {
            if ("HASH".equals(element.path("KeyType").asText())) {
                partition = element.path("AttributeName").asText();
            } else {
                sort = element.path("AttributeName").asText();
            }
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
