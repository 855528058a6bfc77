package io.dynamis.core.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.error.ApiError;
import java.io.IOException;

/** The JSON mapper every service uses for the wire, configured once. */
public final class Json {

    /**
     * The longest member name read: DynamoDB attribute names may be 65,535 bytes long (Jackson's default
     * of 50,000 would refuse some), and every name is at most that many characters.
     */
    static final int MAX_NAME_LENGTH = 65_535;

    /** Decimals stay exact; DynamoDB numbers travel as strings anyway. */
    public static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNameLength(MAX_NAME_LENGTH).build())
            .build())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private Json() {
    }

    public static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    /**
     * Parses a request body that must be one JSON object. An empty body, malformed JSON (strict UTF-8
     * included) or another JSON value is DynamoDB's SerializationException, which it sends without a message.
     */
    public static ObjectNode parseRequest(byte[] body) {
        if (body == null || body.length == 0 || !Utf8.isValid(body)) {
            throw ApiError.serialization(null);
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(body);
        } catch (IOException e) {
            throw ApiError.serialization(null);
        }
        if (node == null || !node.isObject()) {
            throw ApiError.serialization(null);
        }
        return (ObjectNode) node;
    }

    /**
     * Checks, without building a tree, that a request body is one JSON object, with the same verdicts
     * as {@link #parseRequest}: the gateway only needs to know, the owning service parses it.
     */
    public static void requireObject(byte[] body) {
        if (body == null || body.length == 0 || !Utf8.isValid(body)) {
            throw ApiError.serialization(null);
        }
        try (JsonParser parser = MAPPER.getFactory().createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw ApiError.serialization(null);
            }
            parser.skipChildren();
            if (parser.nextToken() != null) {
                throw ApiError.serialization(null);
            }
        } catch (IOException e) {
            throw ApiError.serialization(null);
        }
    }

    /** A JSON tree, or any value Jackson can map, as UTF-8 JSON bytes. */
    public static byte[] toBytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize JSON", e);
        }
    }

    public static JsonNode readTree(byte[] bytes) {
        return readTree(bytes, 0);
    }

    /** The JSON stored in {@code bytes} from {@code offset} to the end. */
    public static JsonNode readTree(byte[] bytes, int offset) {
        try {
            return MAPPER.readTree(bytes, offset, bytes.length - offset);
        } catch (IOException e) {
            throw new IllegalStateException("stored JSON is unreadable", e);
        }
    }
}
