package io.dynamis.core.expression;

import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.error.ApiError;
import io.dynamis.core.json.AttributeValueCodec;
import io.dynamis.core.json.Json;
import io.dynamis.core.model.AttributeValue;
import io.dynamis.core.protocol.RequestReader;
import java.util.Map;
import org.junit.jupiter.api.function.Executable;

/** Builds requests from JSON written with single quotes, and reads items the same way. */
final class Requests {

    private Requests() {
    }

    static RequestReader request(String json) {
        try {
            return new RequestReader((ObjectNode) Json.MAPPER.readTree(json.replace('\'', '"')));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    static Map<String, AttributeValue> item(String json) {
        try {
            return AttributeValueCodec.decodeItem(Json.MAPPER.readTree(json.replace('\'', '"')));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    static String json(Map<String, AttributeValue> item) {
        return AttributeValueCodec.encodeItem(item).toString().replace('"', '\'');
    }

    static String error(Executable executable) {
        return assertThrows(ApiError.class, executable).getMessage();
    }
}
