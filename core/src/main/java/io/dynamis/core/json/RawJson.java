package io.dynamis.core.json;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.util.RawValue;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A JSON value kept as the UTF-8 bytes it was stored as (a slice of an array, not copied), written into a
 * serialized answer as they are: an item read from the store goes to the client without being decoded and
 * encoded again. Such a node only serializes; code that reads an answer's items as trees must ask for trees.
 */
public final class RawJson implements SerializableString {

    private final byte[] bytes;
    private final int offset;
    private final int length;

    private RawJson(byte[] bytes, int offset) {
        this.bytes = bytes;
        this.offset = offset;
        this.length = bytes.length - offset;
    }

    /** A tree node that serializes as {@code bytes} from {@code offset} to the end (valid JSON, UTF-8). */
    public static JsonNode node(byte[] bytes, int offset) {
        return JsonNodeFactory.instance.rawValueNode(new RawValue(of(bytes, offset)));
    }

    /** {@code bytes} from {@code offset} to the end (valid JSON, UTF-8), for a generator's {@code writeRawValue}. */
    public static SerializableString of(byte[] bytes, int offset) {
        return new RawJson(bytes, offset);
    }

    @Override
    public String getValue() {
        return new String(bytes, offset, length, StandardCharsets.UTF_8);
    }

    @Override
    public int charLength() {
        return getValue().length();
    }

    @Override
    public char[] asQuotedChars() {
        return getValue().toCharArray();
    }

    @Override
    public byte[] asUnquotedUTF8() {
        return Arrays.copyOfRange(bytes, offset, offset + length);
    }

    @Override
    public byte[] asQuotedUTF8() {
        return asUnquotedUTF8();
    }

    @Override
    public int appendQuotedUTF8(byte[] buffer, int at) {
        return appendUnquotedUTF8(buffer, at);
    }

    @Override
    public int appendQuoted(char[] buffer, int at) {
        return appendUnquoted(buffer, at);
    }

    @Override
    public int appendUnquotedUTF8(byte[] buffer, int at) {
        if (at + length > buffer.length) {
            return -1;
        }
        System.arraycopy(bytes, offset, buffer, at, length);
        return length;
    }

    @Override
    public int appendUnquoted(char[] buffer, int at) {
        String value = getValue();
        if (at + value.length() > buffer.length) {
            return -1;
        }
        value.getChars(0, value.length(), buffer, at);
        return value.length();
    }

    @Override
    public int writeQuotedUTF8(OutputStream out) throws IOException {
        return writeUnquotedUTF8(out);
    }

    @Override
    public int writeUnquotedUTF8(OutputStream out) throws IOException {
        out.write(bytes, offset, length);
        return length;
    }

    @Override
    public int putQuotedUTF8(ByteBuffer buffer) {
        return putUnquotedUTF8(buffer);
    }

    @Override
    public int putUnquotedUTF8(ByteBuffer buffer) {
        if (buffer.remaining() < length) {
            return -1;
        }
        buffer.put(bytes, offset, length);
        return length;
    }

    @Override
    public String toString() {
        return getValue();
    }
}
