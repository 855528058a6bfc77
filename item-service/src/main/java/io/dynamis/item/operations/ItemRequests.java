package io.dynamis.item.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.capacity.ConsumedCapacity;
import io.dynamis.core.error.ApiError;
import io.dynamis.core.json.AttributeValueCodec;
import io.dynamis.core.json.Json;
import io.dynamis.core.protocol.RequestReader;
import io.dynamis.item.storage.StoredItem;

/** Request checks that every item operation shares. */
final class ItemRequests {

    static final String NONE = "NONE";
    static final String ALL_OLD = "ALL_OLD";

    private ItemRequests() {
    }

    /** Refuses, by name, a member whose feature Dynamis has not built yet, rather than ignoring it. */
    static void rejectNotYetSupported(RequestReader request, String... members) {
        for (String member : members) {
            if (request.has(member)) {
                throw ApiError.validation(member + " is not supported by Dynamis yet");
            }
        }
    }

    /** ReturnValues for PutItem and DeleteItem: NONE (default) or ALL_OLD. */
    static String returnValuesNoneOrAllOld(RequestReader request) {
        String value = request.enumValue("ReturnValues", "returnValues",
                "ALL_NEW", "UPDATED_OLD", ALL_OLD, NONE, "UPDATED_NEW");
        request.validate();
        if (value != null && !value.equals(NONE) && !value.equals(ALL_OLD)) {
            throw ApiError.validation("ReturnValues can only be ALL_OLD or NONE");
        }
        return value == null ? NONE : value;
    }

    /**
     * The answer of a write that replaced or removed an item: the old item under {@code Attributes}
     * when ReturnValues is ALL_OLD and there was one, and the consumed capacity when asked for.
     */
    static ObjectNode oldItemResponse(byte[] oldStored, String returnValues, String capacityMode, String tableName,
            double units) {
        ObjectNode response = Json.object();
        if (oldStored != null && ALL_OLD.equals(returnValues)) {
            response.set("Attributes", AttributeValueCodec.encodeItem(StoredItem.decode(oldStored)));
        }
        ConsumedCapacity.report(response, capacityMode, tableName, units);
        return response;
    }
}
