package io.dynamis.core.item;

import com.fasterxml.jackson.databind.JsonNode;
import io.dynamis.core.error.ApiError;
import java.util.HashSet;
import java.util.Set;

/**
 * BatchGetItem's rule that no key is asked for twice: DynamoDB answers it before it looks up any table, so a
 * router that must look tables up to split a batch checks it first too.
 */
public final class DuplicateKeys {

    private DuplicateKeys() {
    }

    public static ApiError error() {
        return ApiError.validation("Provided list of item keys contains duplicates");
    }

    /**
     * Throws DynamoDB's duplicates error when one table's {@code Keys} name the same key twice (as written: keys
     * equal only once decoded, such as {@code 1} and {@code 1.0}, need the table's key schema); anything that is
     * not an array of objects is left to the operation's own validation.
     */
    public static void reject(JsonNode keys) {
        if (keys == null || !keys.isArray()) {
            return;
        }
        Set<JsonNode> distinct = new HashSet<>();
        for (JsonNode key : keys) {
            if (key.isObject() && !distinct.add(key)) {
                throw error();
            }
        }
    }
}
