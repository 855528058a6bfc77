package io.dynamis.core.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.error.ApiError;
import io.dynamis.core.json.AttributeValueCodec;
import io.dynamis.core.model.AttributeValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads the members of a request with DynamoDB's two kinds of input errors.
 *
 * <p>A member of the wrong JSON type is a SerializationException at once, as DynamoDB's parser
 * reports it. A member that breaks a constraint (missing, too short, wrong pattern, out of range) is
 * collected, and {@link #validate()} throws them together in DynamoDB's form:
 * {@code 2 validation errors detected: Value null at 'tableName' failed to satisfy constraint: Member
 * must not be null; ...}.
 */
public final class RequestReader {

    private static final Pattern TABLE_NAME = Pattern.compile("[a-zA-Z0-9_.-]+");

    private final ObjectNode request;
    private final List<String> violations = new ArrayList<>();

    public RequestReader(ObjectNode request) {
        this.request = request;
    }

    public ObjectNode json() {
        return request;
    }

    /** True when the member is present and not JSON null. */
    public boolean has(String member) {
        JsonNode node = request.get(member);
        return node != null && !node.isNull();
    }

    /** A string member, or null when absent. */
    public String string(String member) {
        JsonNode node = request.get(member);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw ApiError.serialization(tokenName(node) + " cannot be converted to String");
        }
        return node.textValue();
    }

    /** A whole-number member, or null when absent. */
    public Long integer(String member) {
        JsonNode node = request.get(member);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw ApiError.serialization(tokenName(node) + " cannot be converted to Long");
        }
        return node.longValue();
    }

    /** A boolean member, or null when absent. */
    public Boolean bool(String member) {
        JsonNode node = request.get(member);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isBoolean()) {
            throw ApiError.serialization(tokenName(node) + " cannot be converted to Boolean");
        }
        return node.booleanValue();
    }

    /** A list member, or null when absent. */
    public ArrayNode list(String member) {
        JsonNode node = request.get(member);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isArray()) {
            throw ApiError.serialization("Unexpected value type in payload");
        }
        return (ArrayNode) node;
    }

    /** A structure member, or null when absent. */
    public ObjectNode object(String member) {
        JsonNode node = request.get(member);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw ApiError.serialization("Unexpected value type in payload");
        }
        return (ObjectNode) node;
    }

    /** A map of attribute values (an item or a key), or null when absent. */
    public Map<String, AttributeValue> attributeMap(String member) {
        ObjectNode node = object(member);
        return node == null ? null : AttributeValueCodec.decodeItem(node);
    }

    /**
     * The TableName of a table operation (CreateTable, DescribeTable, UpdateTable, DeleteTable, the backup
     * operations): missing is an immediate ValidationException with a plain message; every broken constraint
     * (pattern, 3 to 255 characters) is collected in DynamoDB's {@code N validation errors detected} form, as
     * current DynamoDB reports them (DynamoDB Local's older "TableName must be at least 3 characters long and at
     * most 255 characters long" is not current DynamoDB's).
     */
    public String requiredTableName() {
        String name = string("TableName");
        if (name == null) {
            throw ApiError.validation("The parameter 'TableName' is required but was not present in the request");
        }
        checkTableName(name, "tableName", violations);
        return name;
    }

    /**
     * The TableName of an item operation (PutItem, Query, ...), checked against DynamoDB's name
     * constraints (3-255 of [a-zA-Z0-9_.-]), every violation collected.
     */
    public String tableName() {
        return tableName("TableName", "tableName");
    }

    public String tableName(String member, String path) {
        String name = string(member);
        if (name == null) {
            violations.add("Value null at '" + path + "' failed to satisfy constraint: Member must not be null");
            return null;
        }
        checkTableName(name, path, violations);
        return name;
    }

    /** Adds the violations a table name has, in DynamoDB's order and wording. */
    public static void checkTableName(String name, String path, List<String> violations) {
        if (!TABLE_NAME.matcher(name).matches()) {
            violations.add("Value '" + name + "' at '" + path + "' failed to satisfy constraint: Member must"
                    + " satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
        }
        if (name.length() < 3) {
            violations.add("Value '" + name + "' at '" + path + "' failed to satisfy constraint: Member must"
                    + " have length greater than or equal to 3");
        }
        if (name.length() > 255) {
            violations.add("Value '" + name + "' at '" + path + "' failed to satisfy constraint: Member must"
                    + " have length less than or equal to 255");
        }
    }

    /**
     * A string member that must be one of the allowed values (listed in DynamoDB's order for the
     * message), or null when absent; another value is recorded as a violation.
     */
    public String enumValue(String member, String path, String... allowed) {
        String value = string(member);
        if (value != null && !List.of(allowed).contains(value)) {
            violations.add("Value '" + value + "' at '" + path + "' failed to satisfy constraint: Member must"
                    + " satisfy enum value set: [" + String.join(", ", allowed) + "]");
        }
        return value;
    }

    /**
     * An integer member that must lie in {@code [min, max]}, or null when absent; a value outside is
     * recorded as DynamoDB's "Member must have value greater/less than or equal to" violation.
     */
    public Long integerInRange(String member, String path, long min, long max) {
        Long value = integer(member);
        if (value != null && (value < min || value > max)) {
            violations.add("Value '" + value + "' at '" + path + "' failed to satisfy constraint: Member must have value "
                    + (value < min ? "greater than or equal to " + min : "less than or equal to " + max));
        }
        return value;
    }

    /** The violations recorded so far (a nested member's reader hands them to its request's). */
    public List<String> violations() {
        return java.util.Collections.unmodifiableList(violations);
    }

    /** Records a constraint violation, already worded ("Value ... at '...' failed to satisfy ..."). */
    public void violation(String text) {
        violations.add(text);
    }

    /** Records "Value null at 'path' failed to satisfy constraint: Member must not be null" when absent. */
    public void requirePresent(String member, String path) {
        if (!has(member)) {
            violations.add("Value null at '" + path + "' failed to satisfy constraint: Member must not be null");
        }
    }

    /** Throws the collected violations, if any. */
    public void validate() {
        if (!violations.isEmpty()) {
            throw ApiError.constraintViolations(violations);
        }
    }

    /** The name DynamoDB's parser gives a JSON token in its SerializationException, e.g. {@code NUMBER_VALUE}. */
    public static String tokenName(JsonNode node) {
        return switch (node.getNodeType()) {
            case NUMBER -> "NUMBER_VALUE";
            case BOOLEAN -> node.booleanValue() ? "TRUE_VALUE" : "FALSE_VALUE";
            case STRING -> "STRING_VALUE";
            case ARRAY -> "START_ARRAY";
            case OBJECT -> "START_OBJECT";
            default -> node.getNodeType().name();
        };
    }
}
