package io.dynamis.item.operations;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.dynamis.core.protocol.RequestReader;

/** The members TransactWriteItems and TransactGetItems share, checked as DynamoDB checks them. */
final class TransactRequests {

    private TransactRequests() {
    }

    /** TransactItems: present, with 1 to {@code max} entries; violations collected on the request. */
    static ArrayNode transactItems(RequestReader request, int max) {
        ArrayNode items = request.list("TransactItems");
        if (items == null) {
            request.requirePresent("TransactItems", "transactItems");
        } else if (items.isEmpty() || items.size() > max) {
            request.violation("Value '" + items + "' at 'transactItems' failed to satisfy constraint: Member must have"
                    + " length " + (items.isEmpty() ? "greater than or equal to 1" : "less than or equal to " + max));
        }
        return items;
    }

    /** ClientRequestToken: 1 to 36 characters, or null. */
    static String clientRequestToken(RequestReader request) {
        String token = request.string("ClientRequestToken");
        if (token != null && (token.isEmpty() || token.length() > 36)) {
            request.violation("Value '" + token + "' at 'clientRequestToken' failed to satisfy constraint: Member must"
                    + " have length " + (token.isEmpty() ? "greater than or equal to 1" : "less than or equal to 36"));
        }
        return token;
    }
}
