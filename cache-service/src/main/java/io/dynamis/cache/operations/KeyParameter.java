package io.dynamis.cache.operations;

import com.fasterxml.jackson.databind.JsonNode;
import io.dynamis.core.json.AttributeValueCodec;
import io.dynamis.core.model.AttributeValue;
import java.util.Map;

/** Reads a {@code Key} parameter for the cache, or null when it is not one (item-service will say why). */
final class KeyParameter {

    private KeyParameter() {
    }

    static Map<String, AttributeValue> of(JsonNode key) {
        if (key == null || !key.isObject() || key.isEmpty()) {
            return null;
        }
        try {
            return AttributeValueCodec.decodeItem(key);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
