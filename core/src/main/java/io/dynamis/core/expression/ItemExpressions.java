package io.dynamis.core.expression;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.error.ApiError;
import io.dynamis.core.protocol.RequestReader;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Reads the expressions of one request (or one element of a batch or transaction) with their
 * ExpressionAttributeNames and ExpressionAttributeValues, or their legacy equivalents, and answers
 * DynamoDB's ValidationExceptions for anything wrong: syntax, reserved words, undefined or unused
 * names and values, legacy and expression parameters mixed.
 *
 * <p>Each entry point reads all the expression members of its kind of request, in DynamoDB's order:
 * first the parameters as a whole (legacy and expression mixed, names or values without an
 * expression), then the two maps, then each expression (parsed through the shared
 * {@link ExpressionCache}, then resolved against the maps), and last the names and values no
 * expression used.
 */
public final class ItemExpressions {

    private static final String NAMES = "ExpressionAttributeNames";
    private static final String VALUES = "ExpressionAttributeValues";

    private ItemExpressions() {
    }

    /** An UpdateItem's update (null when it has neither UpdateExpression nor AttributeUpdates) and condition (null when none). */
    public record UpdateAndCondition(Update update, Condition condition) {
    }

    /**
     * A Query's expressions: the key condition (never null), the filter (null when none) and the
     * projection (null for whole items).
     */
    public record QueryExpressions(KeyCondition keyCondition, Condition filter, Projection projection) {
    }

    /** A Scan's filter (null when none) and projection (null for whole items). */
    public record ScanExpressions(Condition filter, Projection projection) {
    }

    /**
     * The condition of a PutItem, DeleteItem or transaction action: ConditionExpression, or the legacy
     * Expected with ConditionalOperator; null when there is none.
     */
    public static Condition condition(RequestReader request) {
        if (hasNoConditionMember(request)) {
            return null; // the unconditional write: every check below would pass and find no condition
        }
        ExpressionAttributes attributes = begin(request, List.of(ExpressionKind.CONDITION), CONDITION_LEGACY);
        Condition condition = condition(request, ExpressionKind.CONDITION, attributes);
        attributes.checkAllUsed();
        return condition != null ? condition : expected(request);
    }

    /** UpdateItem (and a transaction's Update): UpdateExpression or AttributeUpdates, with the condition. */
    public static UpdateAndCondition update(RequestReader request) {
        ExpressionAttributes attributes = begin(request, List.of(ExpressionKind.UPDATE, ExpressionKind.CONDITION),
                UPDATE_LEGACY);
        Update update = null;
        String text = text(request, ExpressionKind.UPDATE);
        if (text != null) {
            Ast.UpdateTree tree = parse(ExpressionKind.UPDATE, text, ExpressionCache.shared()::update);
            update = Resolver.update(tree, attributes);
        }
        Condition condition = condition(request, ExpressionKind.CONDITION, attributes);
        attributes.checkAllUsed();
        if (update == null) {
            ObjectNode updates = request.object("AttributeUpdates");
            update = updates == null ? null : LegacyParameters.attributeUpdates(updates);
        }
        return new UpdateAndCondition(update, condition != null ? condition : expected(request));
    }

    /**
     * The projection of a GetItem, a BatchGetItem table entry or a TransactGetItems Get:
     * ProjectionExpression, or the legacy AttributesToGet; null for the whole item.
     */
    public static Projection projection(RequestReader request) {
        ExpressionAttributes attributes = begin(request, List.of(ExpressionKind.PROJECTION), List.of("AttributesToGet"));
        Projection projection = projection(request, attributes);
        attributes.checkAllUsed();
        return projection;
    }

    /**
     * A Query: KeyConditionExpression or KeyConditions, FilterExpression or QueryFilter (with
     * ConditionalOperator), ProjectionExpression or AttributesToGet. Which attribute is the partition
     * key and which the sort key is the caller's to check, against the table or index schema.
     */
    public static QueryExpressions query(RequestReader request) {
        ExpressionAttributes attributes = begin(request,
                List.of(ExpressionKind.KEY_CONDITION, ExpressionKind.FILTER, ExpressionKind.PROJECTION),
                List.of("KeyConditions", "QueryFilter", "ConditionalOperator", "AttributesToGet"));
        KeyCondition keyCondition = null;
        String text = text(request, ExpressionKind.KEY_CONDITION);
        if (text != null) {
            keyCondition = KeyCondition.of(condition(ExpressionKind.KEY_CONDITION, text, attributes));
        }
        Condition filter = condition(request, ExpressionKind.FILTER, attributes);
        Projection projection = projection(request, attributes);
        attributes.checkAllUsed();
        if (keyCondition == null) {
            ObjectNode keyConditions = request.object("KeyConditions");
            if (keyConditions == null) {
                throw ApiError.validation("Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.");
            }
            keyCondition = KeyCondition.ofLegacy(keyConditions);
        }
        if (filter == null) {
            filter = legacyFilter(request, "QueryFilter");
        }
        return new QueryExpressions(keyCondition, filter, projection);
    }

    /** A Scan: FilterExpression or ScanFilter (with ConditionalOperator), ProjectionExpression or AttributesToGet. */
    public static ScanExpressions scan(RequestReader request) {
        ExpressionAttributes attributes = begin(request, List.of(ExpressionKind.FILTER, ExpressionKind.PROJECTION),
                List.of("ScanFilter", "ConditionalOperator", "AttributesToGet"));
        Condition filter = condition(request, ExpressionKind.FILTER, attributes);
        Projection projection = projection(request, attributes);
        attributes.checkAllUsed();
        return new ScanExpressions(filter != null ? filter : legacyFilter(request, "ScanFilter"), projection);
    }

    // ---- the steps ----

    /**
     * Refuses a PutItem or DeleteItem that mixes its condition expression with the legacy Expected or
     * ConditionalOperator; DynamoDB checks this before the item's or key's values.
     */
    public static void checkConditionParameters(RequestReader request) {
        if (hasNoConditionMember(request)) {
            return;
        }
        checkNotMixed(request, List.of(ExpressionKind.CONDITION), CONDITION_LEGACY);
    }

    /** The same for UpdateItem's UpdateExpression and ConditionExpression, with AttributeUpdates too. */
    public static void checkUpdateParameters(RequestReader request) {
        checkNotMixed(request, List.of(ExpressionKind.UPDATE, ExpressionKind.CONDITION), UPDATE_LEGACY);
    }

    private static final List<String> CONDITION_LEGACY = List.of("Expected", "ConditionalOperator");

    /** Every member a write's condition is read from (a JSON null is an absent member, as everywhere). */
    private static final List<String> CONDITION_MEMBERS = List.of(ExpressionKind.CONDITION.member(), "Expected",
            "ConditionalOperator", NAMES, VALUES);

    /**
     * True when the request has none of a condition's members (most writes): then there is nothing to check and no
     * condition, and the lists and sets the checks build are not built (the hot path of PutItem and DeleteItem).
     */
    private static boolean hasNoConditionMember(RequestReader request) {
        for (String member : CONDITION_MEMBERS) {
            if (request.has(member)) {
                return false;
            }
        }
        return true;
    }
    private static final List<String> UPDATE_LEGACY = List.of("AttributeUpdates", "Expected", "ConditionalOperator");

    /**
     * Checks the parameters as a whole and reads the names and values: legacy and expression members
     * may not be mixed, and names (values) need an expression that can use them.
     */
    private static ExpressionAttributes begin(RequestReader request, List<ExpressionKind> kinds, List<String> legacy) {
        List<String> expressions = checkNotMixed(request, kinds, legacy);
        if (request.has(NAMES) && expressions.isEmpty()) {
            throw ApiError.validation("ExpressionAttributeNames can only be specified when using expressions");
        }
        List<String> valueExpressions = kinds.stream().filter(k -> k != ExpressionKind.PROJECTION)
                .map(ExpressionKind::member).toList();
        if (request.has(VALUES) && !valueExpressions.isEmpty() && valueExpressions.stream().noneMatch(request::has)) {
            throw ApiError.validation("ExpressionAttributeValues can only be specified when using expressions: "
                    + String.join(" and ", valueExpressions) + (valueExpressions.size() > 1 ? " are" : " is") + " null");
        }
        return ExpressionAttributes.read(request);
    }

    /** The expression members the request has; refused when it has legacy members of the same operation too. */
    private static List<String> checkNotMixed(RequestReader request, List<ExpressionKind> kinds, List<String> legacy) {
        List<String> expressions = new ArrayList<>();
        for (ExpressionKind kind : kinds) {
            if (request.has(kind.member())) {
                expressions.add(kind.member());
            }
        }
        checkConditionalOperator(request);
        // KeyConditions go with the other expressions of a Query, just not with KeyConditionExpression
        boolean keyConditionsAllowed = !request.has(ExpressionKind.KEY_CONDITION.member());
        List<String> legacyPresent = legacy.stream().filter(request::has)
                .filter(member -> !(member.equals("KeyConditions") && keyConditionsAllowed)).toList();
        if (!expressions.isEmpty() && !legacyPresent.isEmpty()) {
            throw ApiError.validation("Can not use both expression and non-expression parameters in the same request:"
                    + " Non-expression parameters: {" + String.join(", ", legacyPresent) + "}"
                    + " Expression parameters: {" + String.join(", ", expressions) + "}");
        }
        return expressions;
    }

    /** The text of an expression member, null when absent; an empty text, or one over 4 KB, is an error. */
    private static String text(RequestReader request, ExpressionKind kind) {
        String text = request.string(kind.member());
        if (text != null && text.isEmpty()) {
            throw kind.error("The expression can not be empty;");
        }
        String oversize = text == null ? null : ExpressionLimits.sizeProblem(text);
        if (oversize != null) {
            throw kind.error(oversize);
        }
        return text;
    }

    /** The syntax tree of a text, from the shared cache; a syntax error or an exceeded limit is the kind's error. */
    private static <T> T parse(ExpressionKind kind, String text, Function<String, T> grammar) {
        try {
            return grammar.apply(text);
        } catch (ExpressionSyntaxException | ExpressionLimitException e) {
            throw kind.error(e.getMessage());
        }
    }

    private static ConditionNode condition(RequestReader request, ExpressionKind kind, ExpressionAttributes attributes) {
        String text = text(request, kind);
        return text == null ? null : condition(kind, text, attributes);
    }

    private static ConditionNode condition(ExpressionKind kind, String text, ExpressionAttributes attributes) {
        Ast.ConditionTree tree = parse(kind, text, ExpressionCache.shared()::condition);
        return Resolver.condition(kind, tree, attributes);
    }

    private static Projection projection(RequestReader request, ExpressionAttributes attributes) {
        String text = text(request, ExpressionKind.PROJECTION);
        if (text != null) {
            Ast.ProjectionTree tree = parse(ExpressionKind.PROJECTION, text, ExpressionCache.shared()::projection);
            return new PathProjection(Resolver.projection(tree, attributes));
        }
        ArrayNode attributesToGet = request.list("AttributesToGet");
        return attributesToGet == null ? null : LegacyParameters.attributesToGet(attributesToGet);
    }

    private static Condition expected(RequestReader request) {
        ObjectNode expected = request.object("Expected");
        if (expected == null) {
            rejectLoneConditionalOperator(request);
            return null;
        }
        return LegacyParameters.expected(expected, request.string("ConditionalOperator"));
    }

    private static Condition legacyFilter(RequestReader request, String member) {
        ObjectNode filter = request.object(member);
        if (filter == null) {
            rejectLoneConditionalOperator(request);
            return null;
        }
        return LegacyParameters.filter(filter, member, request.string("ConditionalOperator"));
    }

    /** ConditionalOperator is AND or OR. */
    private static void checkConditionalOperator(RequestReader request) {
        String operator = request.string("ConditionalOperator");
        if (operator != null && !operator.equals("AND") && !operator.equals("OR")) {
            throw ApiError.constraintViolations(List.of("Value '" + operator + "' at 'conditionalOperator' failed to"
                    + " satisfy constraint: Member must satisfy enum value set: [AND, OR]"));
        }
    }

    /** ConditionalOperator only joins the conditions of Expected or a legacy filter. */
    private static void rejectLoneConditionalOperator(RequestReader request) {
        if (request.has("ConditionalOperator")) {
            throw ApiError.validation("ConditionalOperator cannot be used without Filter or Expected");
        }
    }
}
