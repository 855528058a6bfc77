package io.dynamis.core.expression;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.error.ApiError;
import io.dynamis.core.json.AttributeValueCodec;
import io.dynamis.core.model.AttributeValue;
import io.dynamis.core.protocol.RequestReader;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * DynamoDB's legacy parameters, converted into the same evaluable forms as expressions: Expected and
 * QueryFilter/ScanFilter (with ConditionalOperator) into {@link ConditionNode}s, AttributeUpdates into
 * an {@link UpdateProgram}, AttributesToGet into a {@link PathProjection}.
 */
final class LegacyParameters {

    private static final List<String> OPERATORS = List.of("IN", "NULL", "BETWEEN", "LT", "NOT_CONTAINS", "EQ", "GT",
            "NOT_NULL", "NE", "LE", "BEGINS_WITH", "GE", "CONTAINS");

    private LegacyParameters() {
    }

    // ---- Expected ----

    /** ConditionalOperator joins two conditions or more; DynamoDB refuses it for fewer. */
    private static List<Condition> requireSeveral(List<Condition> conditions, String conditionalOperator) {
        if (conditionalOperator != null && conditions.size() < 2) {
            throw ApiError.validation("ConditionalOperator can only be used when Filter or Expected has two or more"
                    + " elements");
        }
        return conditions;
    }

    /** The Expected map of a write, joined by ConditionalOperator (AND when absent). */
    static Condition expected(ObjectNode expected, String conditionalOperator) {
        List<Condition> conditions = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> fields = expected.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            conditions.add(expectedCondition(field.getKey(), object(field.getValue())));
        }
        return join(requireSeveral(conditions, conditionalOperator), conditionalOperator);
    }

    private static Condition expectedCondition(String attribute, ObjectNode condition) {
        boolean hasList = present(condition, "AttributeValueList");
        boolean hasValue = present(condition, "Value");
        boolean hasOperator = present(condition, "ComparisonOperator");
        boolean hasExists = present(condition, "Exists");
        if (hasList && hasValue) {
            throw ApiError.invalidParameter("Value and AttributeValueList cannot be used together for Attribute: " + attribute);
        }
        DocumentPath path = attributePath(attribute);
        if (hasOperator) {
            if (hasExists) {
                throw ApiError.invalidParameter("Exists and ComparisonOperator cannot be used together for Attribute: " + attribute);
            }
            String operator = operator(condition, "expected." + attribute);
            List<AttributeValue> values = new ArrayList<>();
            if (hasList) {
                values = decodeAll(array(condition.get("AttributeValueList")));
            } else if (hasValue) {
                values.add(AttributeValueCodec.decode(condition.get("Value")));
            }
            if (!operator.equals("NULL") && !operator.equals("NOT_NULL") && !hasList && !hasValue) {
                throw ApiError.invalidParameter("Value or AttributeValueList must be used with ComparisonOperator: "
                        + operator + " for Attribute: " + attribute);
            }
            return comparison(path, operator, values);
        }
        if (hasList) {
            throw ApiError.invalidParameter("AttributeValueList can only be used with a ComparisonOperator for Attribute: " + attribute);
        }
        JsonNode existsNode = condition.get("Exists");
        Boolean exists = null;
        if (hasExists) {
            if (!existsNode.isBoolean()) {
                throw ApiError.serialization(RequestReader.tokenName(existsNode) + " cannot be converted to Boolean");
            }
            exists = existsNode.booleanValue();
        }
        boolean mustExist = exists == null || exists;
        if (mustExist && !hasValue) {
            throw ApiError.invalidParameter("Value must be provided when Exists is " + (exists == null ? "null" : "true")
                    + " for Attribute: " + attribute);
        }
        if (!mustExist && hasValue) {
            throw ApiError.invalidParameter("Value cannot be used when Exists is false for Attribute: " + attribute);
        }
        if (!mustExist) {
            return new ConditionNode.AttributeExists(path, false);
        }
        AttributeValue value = AttributeValueCodec.decode(condition.get("Value"));
        return new ConditionNode.Compare("=", new Operand.PathOperand(path), new Operand.Literal(value));
    }

    // ---- QueryFilter, ScanFilter ----

    /** A QueryFilter or ScanFilter map, joined by ConditionalOperator (AND when absent). */
    static Condition filter(ObjectNode filter, String member, String conditionalOperator) {
        List<Condition> conditions = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> fields = filter.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            ObjectNode condition = object(field.getValue());
            String prefix = Character.toLowerCase(member.charAt(0)) + member.substring(1) + "." + field.getKey();
            String operator = operator(condition, prefix);
            if (operator == null) {
                throw ApiError.constraintViolations(List.of("Value null at '" + prefix
                        + ".member.comparisonOperator' failed to satisfy constraint: Member must not be null"));
            }
            List<AttributeValue> values = present(condition, "AttributeValueList")
                    ? decodeAll(array(condition.get("AttributeValueList"))) : List.of();
            conditions.add(comparison(attributePath(field.getKey()), operator, values));
        }
        return join(requireSeveral(conditions, conditionalOperator), conditionalOperator);
    }

    // ---- comparisons ----

    /** One legacy comparison, after DynamoDB's checks of its argument count and types. */
    static ConditionNode comparison(DocumentPath path, String operator, List<AttributeValue> values) {
        int n = values.size();
        boolean countOk = switch (operator) {
            case "NULL", "NOT_NULL" -> n == 0;
            case "IN" -> n > 0;
            case "BETWEEN" -> n == 2;
            default -> n == 1;
        };
        if (!countOk) {
            throw ApiError.invalidParameter("Invalid number of argument(s) for the " + operator + " ComparisonOperator");
        }
        if (n > 0) {
            AttributeValue.Type type = values.get(0).type();
            for (AttributeValue v : values) {
                if (v.type() != type) {
                    throw ApiError.invalidParameter("AttributeValues inside AttributeValueList must be of same type");
                }
            }
            Set<AttributeValue.Type> allowed = switch (operator) {
                case "EQ", "NE" -> Set.of(AttributeValue.Type.values());
                case "BEGINS_WITH" -> Set.of(AttributeValue.Type.S, AttributeValue.Type.B);
                default -> Set.of(AttributeValue.Type.S, AttributeValue.Type.N, AttributeValue.Type.B);
            };
            if (!allowed.contains(type)) {
                throw ApiError.invalidParameter("ComparisonOperator " + operator + " is not valid for " + type
                        + " AttributeValue type");
            }
        }
        if (operator.equals("BETWEEN") && Values.compare(values.get(0), values.get(1)) > 0) {
            throw ApiError.validation("The BETWEEN condition was provided a range where the lower bound is greater than the upper bound");
        }
        Operand subject = new Operand.PathOperand(path);
        List<Operand> literals = values.stream().<Operand>map(Operand.Literal::new).toList();
        return switch (operator) {
            case "EQ" -> new ConditionNode.Compare("=", subject, literals.get(0));
            case "NE" -> new ConditionNode.Compare("<>", subject, literals.get(0));
            case "LT" -> new ConditionNode.Compare("<", subject, literals.get(0));
            case "LE" -> new ConditionNode.Compare("<=", subject, literals.get(0));
            case "GT" -> new ConditionNode.Compare(">", subject, literals.get(0));
            case "GE" -> new ConditionNode.Compare(">=", subject, literals.get(0));
            case "NULL" -> new ConditionNode.AttributeExists(path, false);
            case "NOT_NULL" -> new ConditionNode.AttributeExists(path, true);
            case "CONTAINS" -> new ConditionNode.Contains(subject, literals.get(0));
            case "NOT_CONTAINS" -> new ConditionNode.And(List.of(new ConditionNode.AttributeExists(path, true),
                    new ConditionNode.Not(new ConditionNode.Contains(subject, literals.get(0)))));
            case "BEGINS_WITH" -> new ConditionNode.BeginsWith(subject, literals.get(0));
            case "IN" -> new ConditionNode.In(subject, literals);
            default -> new ConditionNode.Between(subject, literals.get(0), literals.get(1));
        };
    }

    /**
     * The ComparisonOperator of a legacy condition (null when absent), one of DynamoDB's thirteen; another
     * is the constraint violation at {@code <prefix>.member.comparisonOperator}.
     */
    static String operator(ObjectNode condition, String prefix) {
        JsonNode node = condition.get("ComparisonOperator");
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw ApiError.serialization(RequestReader.tokenName(node) + " cannot be converted to String");
        }
        String operator = node.textValue();
        if (!OPERATORS.contains(operator)) {
            throw ApiError.constraintViolations(List.of("Value '" + operator + "' at '" + prefix
                    + ".member.comparisonOperator' failed to satisfy constraint: Member must satisfy enum value set: "
                    + OPERATORS));
        }
        return operator;
    }

    private static Condition join(List<Condition> conditions, String conditionalOperator) {
        return "OR".equals(conditionalOperator) ? new ConditionNode.Or(conditions) : new ConditionNode.And(conditions);
    }

    // ---- AttributeUpdates ----

    static UpdateProgram attributeUpdates(ObjectNode updates) {
        List<UpdateProgram.Action> actions = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> fields = updates.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            ObjectNode update = object(field.getValue());
            DocumentPath path = attributePath(field.getKey());
            String action = present(update, "Action") ? update.get("Action").asText() : "PUT";
            if (!List.of("ADD", "PUT", "DELETE").contains(action)) {
                throw ApiError.constraintViolations(List.of("Value '" + action + "' at 'attributeUpdates." + field.getKey()
                        + ".member.action' failed to satisfy constraint: Member must satisfy enum value set: [ADD, PUT, DELETE]"));
            }
            AttributeValue value = present(update, "Value") ? AttributeValueCodec.decode(update.get("Value")) : null;
            if (value == null) {
                if (!action.equals("DELETE")) {
                    throw ApiError.invalidParameter("Only DELETE action is allowed when no attribute value is specified");
                }
                actions.add(new UpdateProgram.RemoveAction(path));
            } else if (action.equals("PUT")) {
                actions.add(new UpdateProgram.SetAction(path, new Operand.Literal(value)));
            } else if (action.equals("ADD")) {
                if (!Values.isSet(value) && value.type() != AttributeValue.Type.N && value.type() != AttributeValue.Type.L) {
                    throw ApiError.invalidParameter("ADD action is not supported for the type " + value.type());
                }
                actions.add(new UpdateProgram.AddAction(path, value, true));
            } else {
                if (!Values.isSet(value)) {
                    throw ApiError.invalidParameter("DELETE action with value is not supported for the type " + value.type());
                }
                actions.add(new UpdateProgram.DeleteAction(path, value));
            }
        }
        return new UpdateProgram(actions);
    }

    // ---- AttributesToGet ----

    static PathProjection attributesToGet(ArrayNode names) {
        if (names.isEmpty()) {
            throw ApiError.constraintViolations(List.of("Value '[]' at 'attributesToGet' failed to satisfy constraint:"
                    + " Member must have length greater than or equal to 1"));
        }
        Set<String> seen = new LinkedHashSet<>();
        for (JsonNode name : names) {
            if (!name.isTextual()) {
                throw ApiError.serialization(RequestReader.tokenName(name) + " cannot be converted to String");
            }
            if (name.textValue().isEmpty()) {
                throw AttributeValueCodec.emptyAttributeName();
            }
            if (!seen.add(name.textValue())) {
                throw ApiError.invalidParameter("Duplicate value in attribute name: " + name.textValue());
            }
        }
        return new PathProjection(seen.stream().map(DocumentPath::of).toList());
    }

    // ---- JSON ----

    /** The top-level attribute a legacy parameter names; never an empty name. */
    private static DocumentPath attributePath(String name) {
        if (name.isEmpty()) {
            throw AttributeValueCodec.emptyAttributeName();
        }
        return DocumentPath.of(name);
    }

    private static boolean present(ObjectNode node, String member) {
        JsonNode v = node.get(member);
        return v != null && !v.isNull();
    }

    static ObjectNode object(JsonNode node) {
        if (!node.isObject()) {
            throw ApiError.serialization("Unexpected value type in payload");
        }
        return (ObjectNode) node;
    }

    private static ArrayNode array(JsonNode node) {
        if (!node.isArray()) {
            throw ApiError.serialization("Unexpected value type in payload");
        }
        return (ArrayNode) node;
    }

    private static List<AttributeValue> decodeAll(ArrayNode nodes) {
        List<AttributeValue> values = new ArrayList<>();
        for (JsonNode node : nodes) {
            values.add(AttributeValueCodec.decode(node));
        }
        return values;
    }
}
