package io.dynamis.core.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * A whole answer kept as the JSON object bytes another process sent (a Query or Scan page item-service
 * answered over HTTP), serialized as those bytes: passed on to the client without being parsed and written
 * again. It has no members to read: only code that passes the answer on, unread, may be given one.
 */
public final class RawObject extends ObjectNode {

    private static final long serialVersionUID = 1L;

    private final byte[] json;

    private RawObject(byte[] json) {
        super(JsonNodeFactory.instance);
        this.json = json;
    }

    /** {@code json} must be one JSON object (UTF-8). */
    public static RawObject of(byte[] json) {
        return new RawObject(json);
    }

    @Override
    public void serialize(JsonGenerator generator, SerializerProvider provider) throws IOException {
        generator.writeRawValue(RawJson.of(json, 0));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RawObject raw && java.util.Arrays.equals(json, raw.json);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(json);
    }

    @Override
    public String toString() {
        return new String(json, java.nio.charset.StandardCharsets.UTF_8);
    }
}
