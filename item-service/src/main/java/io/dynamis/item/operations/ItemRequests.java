package io.dynamis.item.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.error.ApiError;
import io.dynamis.core.expression.Projection;
import io.dynamis.core.json.AttributeValueCodec;
import io.dynamis.core.model.AttributeValue;
import io.dynamis.core.protocol.RequestReader;
import java.util.Map;

/** The request members every item write shares, read with DynamoDB's rules and messages. */
final class ItemRequests {

    static final String NONE = "NONE";
    static final String ALL_OLD = "ALL_OLD";
    static final String UPDATED_OLD = "UPDATED_OLD";
    static final String ALL_NEW = "ALL_NEW";
    static final String UPDATED_NEW = "UPDATED_NEW";

    private ItemRequests() {
    }

    /** ReturnValues of UpdateItem: any of the five, NONE when absent. */
    static String returnValues(RequestReader request) {
        String value = request.enumValue("ReturnValues", "returnValues",
                ALL_NEW, UPDATED_OLD, ALL_OLD, NONE, UPDATED_NEW);
        return value == null ? NONE : value;
    }

    /** ReturnValues of PutItem and DeleteItem: NONE (default) or ALL_OLD. Call after {@code validate()}. */
    static String returnValuesNoneOrAllOld(String value) {
        if (!value.equals(NONE) && !value.equals(ALL_OLD)) {
            throw ApiError.validation("ReturnValues can only be ALL_OLD or NONE");
        }
        return value;
    }

    /** ReturnValuesOnConditionCheckFailure: true for ALL_OLD. */
    static boolean returnOldOnConditionFailure(RequestReader request, String path) {
        String value = request.enumValue("ReturnValuesOnConditionCheckFailure", path, ALL_OLD, NONE);
        return ALL_OLD.equals(value);
    }

    /** ReturnItemCollectionMetrics: SIZE or NONE. Item collections exist only with local secondary indexes. */
    static String itemCollectionMetrics(RequestReader request) {
        String value = request.enumValue("ReturnItemCollectionMetrics", "returnItemCollectionMetrics", "SIZE", NONE);
        return value == null ? NONE : value;
    }

    /** The ConditionalCheckFailedException of a write, with the item when the caller asked for it. */
    static ApiError conditionFailed(ItemWrite.Plan plan, boolean returnOld) {
        return ApiError.conditionalCheckFailed(returnOld && plan.oldItem() != null
                ? AttributeValueCodec.encodeItem(plan.oldItem()) : null);
    }

    /** Adds {@code Attributes} to a write's response as ReturnValues asks. */
    static void attributes(ObjectNode response, String returnValues, ItemWrite.Outcome outcome, ItemWrite write) {
        Map<String, AttributeValue> attributes = switch (returnValues) {
            case ALL_OLD -> outcome.oldItem();
            case ALL_NEW -> outcome.newItem();
            case UPDATED_OLD -> updatedPart(outcome.oldItem(), write);
            case UPDATED_NEW -> updatedPart(outcome.newItem(), write);
            default -> null;
        };
        if (attributes != null && !attributes.isEmpty()) {
            response.set("Attributes", AttributeValueCodec.encodeItem(attributes));
        }
    }

    private static Map<String, AttributeValue> updatedPart(Map<String, AttributeValue> item, ItemWrite write) {
        if (item == null || write.update() == null) {
            return null;
        }
        return Projection.of(write.update().paths()).apply(item);
    }
}
