package io.dynamis.item.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.error.ApiError;
import io.dynamis.core.protocol.RequestReader;
import java.util.ArrayList;
import java.util.List;

/** The {@code RequestItems} member of BatchGetItem and BatchWriteItem, checked as DynamoDB checks it. */
final class BatchRequests {

    private BatchRequests() {
    }

    /**
     * The RequestItems map (table name to its requests) of {@code operation}: present and not empty, every
     * table name valid and every table's entry within {@code maxPerTable}. Violations are collected on
     * {@code request}; an empty map is refused at once, in the words DynamoDB uses for each operation
     * (BatchGetItem moved to its validation framework's message in 2026, BatchWriteItem kept its own).
     */
    static ObjectNode requestItems(RequestReader request, String operation, int maxPerTable) {
        ObjectNode items = request.object("RequestItems");
        if (items == null) {
            request.requirePresent("RequestItems", "requestItems");
            return null;
        }
        if (items.isEmpty()) {
            if (operation.equals("BatchWriteItem")) {
                throw ApiError.validation("The requestItems parameter is required for BatchWriteItem");
            }
            request.violation("Value at 'RequestItems' failed to satisfy constraint: Member must have length"
                    + " greater than or equal to 1");
            return items;
        }
        List<String> nameViolations = new ArrayList<>();
        var fields = items.fields();
        while (fields.hasNext()) {
            var entry = fields.next();
            RequestReader.checkTableName(entry.getKey(), "requestItems.key", nameViolations);
            JsonNode value = entry.getValue();
            if (value.isArray() && (value.isEmpty() || value.size() > maxPerTable)) {
                request.violation("Value '{" + entry.getKey() + "=" + value + "}' at 'requestItems' failed to satisfy"
                        + " constraint: Map value must satisfy constraint: [Member must have length less than or equal to "
                        + maxPerTable + ", Member must have length greater than or equal to 1]");
            }
        }
        nameViolations.forEach(request::violation);
        return items;
    }

    static ArrayNode array(JsonNode node) {
        if (!node.isArray()) {
            throw ApiError.serialization("Unexpected value type in payload");
        }
        return (ArrayNode) node;
    }
}
