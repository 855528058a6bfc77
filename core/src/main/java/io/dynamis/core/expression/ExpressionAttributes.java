package io.dynamis.core.expression;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.error.ApiError;
import io.dynamis.core.error.ErrorCode;
import io.dynamis.core.json.AttributeValueCodec;
import io.dynamis.core.model.AttributeValue;
import io.dynamis.core.protocol.RequestReader;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The ExpressionAttributeNames and ExpressionAttributeValues of one request, shared by all its
 * expressions, which record the placeholders they use so that unused ones can be reported.
 */
final class ExpressionAttributes {

    private static final Pattern NAME_KEY = Pattern.compile("#[0-9a-zA-Z_]+");
    private static final Pattern VALUE_KEY = Pattern.compile(":[0-9a-zA-Z_]+");

    private final Map<String, String> names;
    private final Map<String, AttributeValue> values;
    private final Set<String> usedNames = new LinkedHashSet<>();
    private final Set<String> usedValues = new LinkedHashSet<>();

    ExpressionAttributes(Map<String, String> names, Map<String, AttributeValue> values) {
        this.names = names;
        this.values = values;
    }

    /** Reads and checks both maps of the request (either may be absent). */
    static ExpressionAttributes read(RequestReader request) {
        ObjectNode namesNode = request.object("ExpressionAttributeNames");
        ObjectNode valuesNode = request.object("ExpressionAttributeValues");
        Map<String, String> names = new LinkedHashMap<>();
        if (namesNode != null) {
            if (namesNode.isEmpty()) {
                throw ApiError.validation("ExpressionAttributeNames must not be empty");
            }
            Iterator<Map.Entry<String, JsonNode>> fields = namesNode.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (!field.getValue().isTextual()) {
                    throw ApiError.serialization(RequestReader.tokenName(field.getValue()) + " cannot be converted to String");
                }
                if (!NAME_KEY.matcher(field.getKey()).matches()) {
                    throw ApiError.validation("ExpressionAttributeNames contains invalid key: Syntax error; key: \""
                            + field.getKey() + "\"");
                }
                if (field.getValue().textValue().isEmpty()) {
                    throw ApiError.validation("ExpressionAttributeNames contains invalid value: Empty attribute name for key "
                            + field.getKey());
                }
                names.put(field.getKey(), field.getValue().textValue());
            }
        }
        Map<String, AttributeValue> values = new LinkedHashMap<>();
        if (valuesNode != null) {
            if (valuesNode.isEmpty()) {
                throw ApiError.validation("ExpressionAttributeValues must not be empty");
            }
            Iterator<Map.Entry<String, JsonNode>> fields = valuesNode.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (!VALUE_KEY.matcher(field.getKey()).matches()) {
                    throw ApiError.validation("ExpressionAttributeValues contains invalid key: Syntax error; key: \""
                            + field.getKey() + "\"");
                }
            }
            fields = valuesNode.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                try {
                    values.put(field.getKey(), AttributeValueCodec.decode(field.getValue()));
                } catch (ApiError e) {
                    if (e.code() != ErrorCode.VALIDATION) {
                        throw e;
                    }
                    throw ApiError.validation("ExpressionAttributeValues contains invalid value: " + e.getMessage()
                            + " for key " + field.getKey());
                }
            }
        }
        return new ExpressionAttributes(names, values);
    }

    /** The attribute name a #placeholder stands for, or null when the request does not define it. */
    String name(String placeholder) {
        String name = names.get(placeholder);
        if (name != null) {
            usedNames.add(placeholder);
        }
        return name;
    }

    /** The value a :placeholder stands for, or null when the request does not define it. */
    AttributeValue value(String placeholder) {
        AttributeValue value = values.get(placeholder);
        if (value != null) {
            usedValues.add(placeholder);
        }
        return value;
    }

    /** After all expressions are resolved: DynamoDB rejects names and values none of them used. */
    void checkAllUsed() {
        Set<String> unusedNames = new LinkedHashSet<>(names.keySet());
        unusedNames.removeAll(usedNames);
        if (!unusedNames.isEmpty()) {
            throw ApiError.validation("Value provided in ExpressionAttributeNames unused in expressions: keys: {"
                    + String.join(", ", unusedNames) + "}");
        }
        Set<String> unusedValues = new LinkedHashSet<>(values.keySet());
        unusedValues.removeAll(usedValues);
        if (!unusedValues.isEmpty()) {
            throw ApiError.validation("Value provided in ExpressionAttributeValues unused in expressions: keys: {"
                    + String.join(", ", unusedValues) + "}");
        }
    }
}
