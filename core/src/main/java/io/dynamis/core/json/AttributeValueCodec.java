package io.dynamis.core.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.error.ApiError;
import io.dynamis.core.model.AttributeValue;
import io.dynamis.core.model.Numbers;
import io.dynamis.core.protocol.RequestReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * DynamoDB JSON for attribute values: {@code {"S": "x"}}, {@code {"N": "1.5"}}, {@code {"B": "base64"}},
 * {@code {"BOOL": true}}, {@code {"NULL": true}}, {@code {"M": {...}}}, {@code {"L": [...]}},
 * {@code {"SS": [...]}}, {@code {"NS": [...]}}, {@code {"BS": [...]}}.
 *
 * <p>Decoding applies DynamoDB's value rules and answers its errors: a JSON shape that cannot be a
 * value is a SerializationException; a well-formed value that breaks a rule (no type or two types,
 * a bad number, an empty or duplicated set, nesting too deep) is a ValidationException.
 */
public final class AttributeValueCodec {

    /** DynamoDB allows documents nested up to 32 levels deep. */
    public static final int MAX_NESTING_DEPTH = 32;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private AttributeValueCodec() {
    }

    // ---- decoding ----

    /** Decodes an item or key: a JSON object of attribute names to values. */
    public static Map<String, AttributeValue> decodeItem(JsonNode node) {
        if (!node.isObject()) {
            throw ApiError.serialization("Unexpected value type in payload");
        }
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getKey().isEmpty()) {
                throw emptyAttributeName();
            }
            item.put(field.getKey(), decode(field.getValue(), 1));
        }
        return item;
    }

    /** An attribute name is never empty (an item's, a key's, or one named by a legacy parameter). */
    public static ApiError emptyAttributeName() {
        return ApiError.invalidParameter("Empty attribute name");
    }

    public static AttributeValue decode(JsonNode node) {
        return decode(node, 1);
    }

    private static AttributeValue decode(JsonNode node, int depth) {
        if (!node.isObject()) {
            throw ApiError.serialization("Unexpected value type in payload");
        }
        if (depth > MAX_NESTING_DEPTH) {
            throw ApiError.validation("Nesting Levels have exceeded supported limits: Attributes in the item have"
                    + " nested levels beyond supported limit");
        }
        String typeName = null;
        JsonNode content = null;
        int types = 0;
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getValue().isNull() || !isTypeName(field.getKey())) {
                continue; // unknown members and explicit nulls are ignored, as DynamoDB's parser does
            }
            types++;
            typeName = field.getKey();
            content = field.getValue();
        }
        if (types == 0) {
            throw ApiError.validation(
                    "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes");
        }
        if (types > 1) {
            throw ApiError.validation(
                    "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes");
        }
        return switch (AttributeValue.Type.valueOf(typeName)) {
            case S -> new AttributeValue.Str(text(content));
            case N -> new AttributeValue.Num(number(text(content)));
            case B -> new AttributeValue.Bin(binary(content));
            case BOOL -> AttributeValue.bool(bool(content));
            case NULL -> {
                if (!bool(content)) {
                    throw ApiError.invalidParameter("Null attribute value types must have the value of true");
                }
                yield AttributeValue.nul();
            }
            case M -> {
                if (!content.isObject()) {
                    throw ApiError.serialization("Unexpected value type in payload");
                }
                Map<String, AttributeValue> map = new LinkedHashMap<>();
                Iterator<Map.Entry<String, JsonNode>> members = content.fields();
                while (members.hasNext()) {
                    Map.Entry<String, JsonNode> member = members.next();
                    map.put(member.getKey(), decode(member.getValue(), depth + 1));
                }
                yield new AttributeValue.MapValue(map);
            }
            case L -> {
                List<AttributeValue> list = new ArrayList<>();
                for (JsonNode element : array(content)) {
                    list.add(decode(element, depth + 1));
                }
                yield new AttributeValue.ListValue(list);
            }
            case SS -> {
                List<String> set = new ArrayList<>();
                for (JsonNode element : nonEmptySet(content, "An string set  may not be empty")) {
                    set.add(text(element));
                }
                if (new HashSet<>(set).size() != set.size()) {
                    throw ApiError.invalidParameter("Input collection " + set + " contains duplicates.");
                }
                yield new AttributeValue.StrSet(set);
            }
            case NS -> {
                List<BigDecimal> set = new ArrayList<>();
                for (JsonNode element : nonEmptySet(content, "An number set  may not be empty")) {
                    set.add(number(text(element)));
                }
                if (new HashSet<>(set).size() != set.size()) {
                    throw ApiError.validation("Input collection contains duplicates");
                }
                yield new AttributeValue.NumSet(set);
            }
            case BS -> {
                List<byte[]> set = new ArrayList<>();
                List<String> texts = new ArrayList<>();
                Set<java.nio.ByteBuffer> seen = new HashSet<>();
                for (JsonNode element : nonEmptySet(content, "Binary sets should not be empty")) {
                    byte[] b = binary(element);
                    set.add(b);
                    texts.add(element.asText());
                    seen.add(java.nio.ByteBuffer.wrap(b));
                }
                if (seen.size() != set.size()) {
                    throw ApiError.invalidParameter("Input collection " + texts + "of type BS contains duplicates.");
                }
                yield new AttributeValue.BinSet(set);
            }
        };
    }

    private static boolean isTypeName(String name) {
        switch (name) {
            case "S", "N", "B", "BOOL", "NULL", "M", "L", "SS", "NS", "BS":
                return true;
            default:
                return false;
        }
    }

    private static String text(JsonNode node) {
        if (!node.isTextual()) {
            throw ApiError.serialization(RequestReader.tokenName(node) + " cannot be converted to String");
        }
        return node.textValue();
    }

    private static boolean bool(JsonNode node) {
        if (!node.isBoolean()) {
            throw ApiError.serialization("Unexpected value type in payload");
        }
        return node.booleanValue();
    }

    private static byte[] binary(JsonNode node) {
        String text = text(node);
        if (text.length() % 4 != 0) {
            throw ApiError.serialization("Base64 encoded length is expected a multiple of 4 bytes but found: "
                    + text.length());
        }
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw ApiError.serialization("Invalid Base64 character in binary value");
        }
    }

    private static ArrayNode array(JsonNode node) {
        if (!node.isArray()) {
            throw ApiError.serialization("Unexpected value type in payload");
        }
        return (ArrayNode) node;
    }

    private static ArrayNode nonEmptySet(JsonNode node, String emptyMessage) {
        ArrayNode array = array(node);
        if (array.isEmpty()) {
            throw ApiError.invalidParameter(emptyMessage);
        }
        return array;
    }

    /** Parses and range-checks a number, with DynamoDB's messages. */
    public static BigDecimal number(String text) {
        BigDecimal value;
        try {
            value = Numbers.parse(text);
        } catch (NumberFormatException e) {
            throw ApiError.validation("The parameter cannot be converted to a numeric value"
                    + (text.isEmpty() ? "" : ": " + text));
        }
        String problem = Numbers.rangeProblem(value);
        if (problem != null) {
            throw ApiError.validation(problem);
        }
        return value;
    }

    // ---- encoding ----

    public static ObjectNode encodeItem(Map<String, AttributeValue> item) {
        ObjectNode node = NODES.objectNode();
        for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
            node.set(e.getKey(), encode(e.getValue()));
        }
        return node;
    }

    public static ObjectNode encode(AttributeValue value) {
        ObjectNode node = NODES.objectNode();
        if (value instanceof AttributeValue.Str s) {
            node.put("S", s.value());
        } else if (value instanceof AttributeValue.Num n) {
            node.put("N", n.text());
        } else if (value instanceof AttributeValue.Bin b) {
            node.put("B", Base64.getEncoder().encodeToString(b.value()));
        } else if (value instanceof AttributeValue.Bool b) {
            node.put("BOOL", b.value());
        } else if (value instanceof AttributeValue.Null) {
            node.put("NULL", true);
        } else if (value instanceof AttributeValue.MapValue m) {
            node.set("M", encodeItem(m.value()));
        } else if (value instanceof AttributeValue.ListValue l) {
            ArrayNode array = node.putArray("L");
            l.value().forEach(v -> array.add(encode(v)));
        } else if (value instanceof AttributeValue.StrSet ss) {
            ArrayNode array = node.putArray("SS");
            ss.value().forEach(array::add);
        } else if (value instanceof AttributeValue.NumSet ns) {
            ArrayNode array = node.putArray("NS");
            ns.value().forEach(n -> array.add(Numbers.format(n)));
        } else if (value instanceof AttributeValue.BinSet bs) {
            ArrayNode array = node.putArray("BS");
            bs.value().forEach(b -> array.add(Base64.getEncoder().encodeToString(b)));
        } else {
            throw new IllegalArgumentException("unknown attribute value " + value);
        }
        return node;
    }

    // ---- writing JSON straight from the values ----

    /**
     * The item's DynamoDB JSON (UTF-8) after {@code prefix} zero bytes the caller fills in, written straight
     * from the values with no tree in between: the same bytes as {@code Json.toBytes(encodeItem(item))}.
     */
    public static byte[] itemBytes(Map<String, AttributeValue> item, int prefix) {
        if (item instanceof StoredJsonItem stored) {
            return stored.json(prefix); // the bytes it came as: the same item, not decoded and written again
        }
        ByteArrayBuilder out = new ByteArrayBuilder(256);
        for (int i = 0; i < prefix; i++) {
            out.write(0);
        }
        try (JsonGenerator gen = Json.MAPPER.getFactory().createGenerator(out)) {
            writeItem(gen, item);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Writes the item's DynamoDB JSON object into {@code gen}, straight from the values (no tree). */
    public static void writeItem(JsonGenerator gen, Map<String, AttributeValue> item) throws IOException {
        gen.writeStartObject();
        for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
            gen.writeFieldName(e.getKey());
            write(gen, e.getValue());
        }
        gen.writeEndObject();
    }

    private static void write(JsonGenerator gen, AttributeValue value) throws IOException {
        gen.writeStartObject();
        if (value instanceof AttributeValue.Str s) {
            gen.writeStringField("S", s.value());
        } else if (value instanceof AttributeValue.Num n) {
            gen.writeStringField("N", n.text());
        } else if (value instanceof AttributeValue.Bin b) {
            gen.writeStringField("B", Base64.getEncoder().encodeToString(b.value()));
        } else if (value instanceof AttributeValue.Bool b) {
            gen.writeBooleanField("BOOL", b.value());
        } else if (value instanceof AttributeValue.Null) {
            gen.writeBooleanField("NULL", true);
        } else if (value instanceof AttributeValue.MapValue m) {
            gen.writeFieldName("M");
            writeItem(gen, m.value());
        } else if (value instanceof AttributeValue.ListValue l) {
            gen.writeArrayFieldStart("L");
            for (AttributeValue element : l.value()) {
                write(gen, element);
            }
            gen.writeEndArray();
        } else if (value instanceof AttributeValue.StrSet ss) {
            gen.writeArrayFieldStart("SS");
            for (String element : ss.value()) {
                gen.writeString(element);
            }
            gen.writeEndArray();
        } else if (value instanceof AttributeValue.NumSet ns) {
            gen.writeArrayFieldStart("NS");
            for (BigDecimal element : ns.value()) {
                gen.writeString(Numbers.format(element));
            }
            gen.writeEndArray();
        } else if (value instanceof AttributeValue.BinSet bs) {
            gen.writeArrayFieldStart("BS");
            for (byte[] element : bs.value()) {
                gen.writeString(Base64.getEncoder().encodeToString(element));
            }
            gen.writeEndArray();
        } else {
            throw new IllegalArgumentException("unknown attribute value " + value);
        }
        gen.writeEndObject();
    }
}
