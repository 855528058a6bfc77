package io.dynamis.core.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.capacity.ConsumedCapacity;
import io.dynamis.core.expression.ItemExpressions;
import io.dynamis.core.expression.Projection;
import io.dynamis.core.model.AttributeValue;
import java.util.Map;

/**
 * A GetItem request, validated in DynamoDB's order (TableName, Key present, ReturnConsumedCapacity,
 * then the projection and its names): the one reading of GetItem for item-service and the accelerator.
 * The key is decoded on demand, after the table is known, as item-service checks it against the schema.
 */
public record GetItemRequest(String tableName, boolean consistent, Projection projection, String capacityMode,
        RequestReader reader) {

    public static GetItemRequest parse(ObjectNode json) {
        RequestReader request = new RequestReader(json);
        String tableName = request.tableName();
        request.requirePresent("Key", "key");
        String capacityMode = ConsumedCapacity.mode(request);
        request.validate();
        boolean consistent = Boolean.TRUE.equals(request.bool("ConsistentRead"));
        return new GetItemRequest(tableName, consistent, ItemExpressions.projection(request), capacityMode, request);
    }

    /** The {@code Key} parameter's attributes. */
    public Map<String, AttributeValue> key() {
        return reader.attributeMap("Key");
    }
}
