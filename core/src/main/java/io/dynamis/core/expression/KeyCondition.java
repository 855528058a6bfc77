package io.dynamis.core.expression;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.error.ApiError;
import io.dynamis.core.json.AttributeValueCodec;
import io.dynamis.core.model.AttributeValue;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Query's key condition: one or two terms (up to {@link #MAX_TERMS} for a multi-attribute index
 * key), each on a different top-level attribute, from a
 * KeyConditionExpression ({@code pk = :p AND sk BETWEEN :a AND :b}) or the legacy KeyConditions.
 *
 * <p>The key condition is checked here only as far as it can be without the schema: its shape (only
 * AND, comparisons of one attribute with one value, no nesting, one term per attribute). Matching the
 * terms to the table's or index's keys (the partition key with {@link Operator#EQ}, at most one sort
 * key term) is the caller's: {@link #term(String)} finds a term by attribute name.
 */
public record KeyCondition(List<Term> terms) {

    /**
     * The most terms a key condition can have: a multi-attribute global index key has up to four
     * partition and four sort attributes. A table's or single-attribute index's key takes at most two,
     * which {@link io.dynamis.core.query.ReadPlan} checks once the schema is known.
     */
    public static final int MAX_TERMS = 8;

    public KeyCondition {
        terms = List.copyOf(terms);
    }

    /** The key comparisons DynamoDB allows. */
    public enum Operator { EQ, LT, LE, GT, GE, BETWEEN, BEGINS_WITH }

    /**
     * One term: {@code attribute operator value}, with {@code upperBound} the second value of
     * BETWEEN (null otherwise).
     */
    public record Term(String attribute, Operator operator, AttributeValue value, AttributeValue upperBound) {

        /** Whether a key value satisfies the term. */
        public boolean test(AttributeValue key) {
            Integer order = Values.compare(key, value);
            return switch (operator) {
                case EQ -> Values.equal(key, value);
                case LT -> order != null && order < 0;
                case LE -> order != null && order <= 0;
                case GT -> order != null && order > 0;
                case GE -> order != null && order >= 0;
                case BETWEEN -> order != null && order >= 0 && Values.compare(key, upperBound) <= 0;
                case BEGINS_WITH -> new ConditionNode.BeginsWith(new Operand.Literal(key), new Operand.Literal(value))
                        .test(Map.of());
            };
        }
    }

    /** The term on the attribute, or null when there is none. */
    public Term term(String attribute) {
        for (Term t : terms) {
            if (t.attribute().equals(attribute)) {
                return t;
            }
        }
        return null;
    }

    // ---- from a KeyConditionExpression ----

    private static ApiError invalidOperator(String operator) {
        return ApiError.validation("Invalid operator used in KeyConditionExpression: " + operator);
    }

    static KeyCondition of(ConditionNode root) {
        List<ConditionNode> parts = new ArrayList<>();
        flatten(root, parts);
        if (parts.size() > MAX_TERMS) {
            throw ApiError.validation("Conditions can be of length 1 or 2 only");
        }
        List<Term> terms = new ArrayList<>();
        Set<String> attributes = new HashSet<>();
        for (ConditionNode part : parts) {
            Term term = term(part);
            if (!attributes.add(term.attribute())) {
                throw ApiError.validation("KeyConditionExpressions must only contain one condition per key");
            }
            terms.add(term);
        }
        return new KeyCondition(terms);
    }

    private static void flatten(ConditionNode node, List<ConditionNode> parts) {
        if (node instanceof ConditionNode.And and) {
            for (Condition c : and.operands()) {
                flatten((ConditionNode) c, parts);
            }
        } else if (node instanceof ConditionNode.Or) {
            throw invalidOperator("OR");
        } else if (node instanceof ConditionNode.Not) {
            throw invalidOperator("NOT");
        } else if (node instanceof ConditionNode.In) {
            throw invalidOperator("IN");
        } else if (node instanceof ConditionNode.AttributeExists exists) {
            throw invalidOperator(exists.exists() ? "attribute_exists" : "attribute_not_exists");
        } else if (node instanceof ConditionNode.AttributeType) {
            throw invalidOperator("attribute_type");
        } else if (node instanceof ConditionNode.Contains) {
            throw invalidOperator("contains");
        } else if (node instanceof ConditionNode.Compare compare && compare.operator().equals("<>")) {
            throw invalidOperator("<>");
        } else {
            parts.add(node);
        }
    }

    private static Term term(ConditionNode part) {
        if (part instanceof ConditionNode.Compare compare) {
            Operand left = compare.left();
            Operand right = compare.right();
            String operator = compare.operator();
            if (!(left instanceof Operand.PathOperand) && right instanceof Operand.PathOperand) {
                Operand swap = left;
                left = right;
                right = swap;
                operator = switch (operator) {
                    case "<" -> ">";
                    case "<=" -> ">=";
                    case ">" -> "<";
                    case ">=" -> "<=";
                    default -> operator;
                };
            }
            String attribute = keyAttribute(left, right);
            Operator op = switch (operator) {
                case "=" -> Operator.EQ;
                case "<" -> Operator.LT;
                case "<=" -> Operator.LE;
                case ">" -> Operator.GT;
                default -> Operator.GE;
            };
            return new Term(attribute, op, ((Operand.Literal) right).literal(), null);
        }
        if (part instanceof ConditionNode.Between between) {
            if (!(between.subject() instanceof Operand.PathOperand)) {
                checkNoSize(between.subject(), between.lower(), between.upper());
                throw ApiError.validation("Invalid condition in KeyConditionExpression: BETWEEN operator must have the"
                        + " key attribute as its first operand");
            }
            checkNoSize(between.lower(), between.upper());
            String attribute = keyAttribute(between.subject(), between.lower());
            keyAttribute(between.subject(), between.upper());
            return new Term(attribute, Operator.BETWEEN, ((Operand.Literal) between.lower()).literal(),
                    ((Operand.Literal) between.upper()).literal());
        }
        ConditionNode.BeginsWith beginsWith = (ConditionNode.BeginsWith) part;
        if (!(beginsWith.subject() instanceof Operand.PathOperand)) {
            throw ApiError.validation("Invalid condition in KeyConditionExpression: begins_with operator must have the"
                    + " key attribute as its first operand");
        }
        String attribute = keyAttribute(beginsWith.subject(), beginsWith.prefix());
        return new Term(attribute, Operator.BEGINS_WITH, ((Operand.Literal) beginsWith.prefix()).literal(), null);
    }

    private static void checkNoSize(Operand... operands) {
        for (Operand o : operands) {
            if (o instanceof Operand.Size) {
                throw ApiError.validation("KeyConditionExpressions cannot contain nested operations");
            }
        }
    }

    /** The attribute of a key comparison: the subject must be a top-level path, the other side a value. */
    private static String keyAttribute(Operand subject, Operand other) {
        checkNoSize(subject, other);
        if (subject instanceof Operand.PathOperand path && other instanceof Operand.PathOperand) {
            throw ApiError.validation("Invalid condition in KeyConditionExpression: Multiple attribute names used in one condition");
        }
        if (!(subject instanceof Operand.PathOperand path)) {
            throw ApiError.validation("Invalid condition in KeyConditionExpression: No key attribute specified");
        }
        if (!path.path().isTopLevel()) {
            throw ApiError.validation("KeyConditionExpressions cannot have conditions on nested attributes");
        }
        return path.path().attribute();
    }

    // ---- from the legacy KeyConditions ----

    static KeyCondition ofLegacy(ObjectNode keyConditions) {
        if (keyConditions.size() < 1 || keyConditions.size() > MAX_TERMS) {
            throw ApiError.validation("Conditions can be of length 1 or 2 only");
        }
        List<Term> terms = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> fields = keyConditions.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            ObjectNode condition = LegacyParameters.object(field.getValue());
            String prefix = "keyConditions." + field.getKey();
            String operator = LegacyParameters.operator(condition, prefix);
            if (operator == null) {
                throw ApiError.constraintViolations(List.of("Value null at '" + prefix
                        + ".member.comparisonOperator' failed to satisfy constraint: Member must not be null"));
            }
            List<AttributeValue> values = new ArrayList<>();
            JsonNode list = condition.get("AttributeValueList");
            if (list != null && !list.isNull() && !list.isArray()) {
                throw ApiError.serialization("Unexpected value type in payload");
            }
            for (JsonNode v : condition.path("AttributeValueList")) {
                values.add(AttributeValueCodec.decode(v));
            }
            // the same argument checks as a filter comparison
            LegacyParameters.comparison(DocumentPath.of(field.getKey()), operator, values);
            Operator op = switch (operator) {
                case "EQ" -> Operator.EQ;
                case "LT" -> Operator.LT;
                case "LE" -> Operator.LE;
                case "GT" -> Operator.GT;
                case "GE" -> Operator.GE;
                case "BETWEEN" -> Operator.BETWEEN;
                case "BEGINS_WITH" -> Operator.BEGINS_WITH;
                default -> throw ApiError.validation("Attempted conditional constraint is not an indexable operation");
            };
            terms.add(new Term(field.getKey(), op, values.get(0), values.size() > 1 ? values.get(1) : null));
        }
        return new KeyCondition(terms);
    }
}
