package io.dynamis.core.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.dynamis.core.model.AttributeValue;
import io.dynamis.core.model.Numbers;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes an item this system stored (an item's DynamoDB JSON, validated by {@link AttributeValueCodec} when it
 * was written) straight from the bytes to attribute values, with Jackson's streaming parser: no tree of JSON
 * nodes in between, and none of the request checks again. Gives the same values as
 * {@code AttributeValueCodec.decodeItem(Json.readTree(...))}; input it cannot read (not an item's JSON) is an
 * {@link IllegalArgumentException}. Client input goes through {@link AttributeValueCodec}, never here.
 */
public final class StoredItemDecoder {

    private StoredItemDecoder() {
    }

    /** The item whose JSON object is {@code bytes[from, to)}. */
    public static Map<String, AttributeValue> decode(byte[] bytes, int from, int to) {
        try (JsonParser parser = Json.MAPPER.getFactory().createParser(bytes, from, to - from)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw unreadable();
            }
            return members(parser);
        } catch (IOException e) {
            throw new IllegalArgumentException("unreadable item JSON", e);
        }
    }

    /** The item whose JSON object runs from {@code offset} to the end of {@code bytes}. */
    public static Map<String, AttributeValue> decode(byte[] bytes, int offset) {
        return decode(bytes, offset, bytes.length);
    }

    /**
     * The values of the two attributes named (the second may be null: not asked for) in the item whose JSON object
     * is {@code bytes}, the other attributes skipped unread; reading stops once both are found. A value absent is
     * null in the answer (a key of two).
     */
    public static AttributeValue[] twoAttributes(byte[] bytes, String first, String second) {
        AttributeValue[] found = new AttributeValue[2];
        try (JsonParser parser = Json.MAPPER.getFactory().createParser(bytes)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw unreadable();
            }
            while ((found[0] == null || (second != null && found[1] == null)) && parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                if (name.equals(first)) {
                    found[0] = value(parser);
                } else if (name.equals(second)) {
                    found[1] = value(parser);
                } else {
                    parser.skipChildren();
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("unreadable item JSON", e);
        }
        return found;
    }

    /** The members of the object whose START_OBJECT the parser is on, through its END_OBJECT. */
    private static Map<String, AttributeValue> members(JsonParser parser) throws IOException {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            item.put(name, value(parser));
        }
        return item;
    }

    /** An attribute value whose START_OBJECT the parser is on: the one member naming a type with a non-null value. */
    private static AttributeValue value(JsonParser parser) throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            throw unreadable();
        }
        AttributeValue value = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String type = parser.currentName();
            JsonToken token = parser.nextToken();
            AttributeValue read = token == JsonToken.VALUE_NULL ? null : typed(type, parser);
            if (read == null) {
                parser.skipChildren(); // an explicit null or a member that names no type: ignored when written
            } else {
                value = read;
            }
        }
        if (value == null) {
            throw unreadable();
        }
        return value;
    }

    /** The value of the type named, the parser on its first token; null for a name that is no type. */
    private static AttributeValue typed(String type, JsonParser parser) throws IOException {
        return switch (type) {
            case "S" -> new AttributeValue.Str(parser.getText());
            case "N" -> new AttributeValue.Num(number(parser.getText()));
            case "B" -> new AttributeValue.Bin(binary(parser.getText()));
            case "BOOL" -> AttributeValue.bool(parser.getBooleanValue());
            case "NULL" -> AttributeValue.nul();
            case "M" -> new AttributeValue.MapValue(members(parser));
            case "L" -> {
                List<AttributeValue> list = new ArrayList<>();
                while (parser.nextToken() == JsonToken.START_OBJECT) {
                    list.add(value(parser));
                }
                yield new AttributeValue.ListValue(list);
            }
            case "SS" -> {
                List<String> set = new ArrayList<>();
                while (parser.nextToken() == JsonToken.VALUE_STRING) {
                    set.add(parser.getText());
                }
                yield new AttributeValue.StrSet(set);
            }
            case "NS" -> {
                List<BigDecimal> set = new ArrayList<>();
                while (parser.nextToken() == JsonToken.VALUE_STRING) {
                    set.add(number(parser.getText()));
                }
                yield new AttributeValue.NumSet(set);
            }
            case "BS" -> {
                List<byte[]> set = new ArrayList<>();
                while (parser.nextToken() == JsonToken.VALUE_STRING) {
                    set.add(binary(parser.getText()));
                }
                yield new AttributeValue.BinSet(set);
            }
            default -> null;
        };
    }

    private static BigDecimal number(String text) {
        return Numbers.parse(text);
    }

    private static byte[] binary(String text) {
        return Base64.getDecoder().decode(text);
    }

    private static IllegalArgumentException unreadable() {
        return new IllegalArgumentException("unreadable item JSON: not an item's attribute values");
    }
}
