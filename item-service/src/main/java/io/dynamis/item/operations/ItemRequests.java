package io.dynamis.item.operations;

import io.dynamis.core.error.ApiError;
import io.dynamis.core.protocol.RequestReader;

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

    /** The member "Value null at 'path' ... must not be null" when absent. */
    static void require(RequestReader request, String member, String path) {
        request.requirePresent(member, path);
    }
}
