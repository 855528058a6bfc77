package io.dynamis.core.partiql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.error.ApiError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Lowers a PartiQL statement into the JSON API's requests, planned as DynamoDB plans it: a SELECT whose
 * WHERE fixes the partition key with {@code =} (or {@code IN}) is a Query per partition value, a condition
 * on the sort key becoming its KeyConditionExpression and the rest its FilterExpression; any other SELECT
 * is a Scan filtered by the whole WHERE. A write names the full primary key with {@code =} in its WHERE;
 * the rest of the WHERE becomes its ConditionExpression. INSERT is a PutItem that fails when the item
 * exists, UPDATE an UpdateItem that fails when it does not, DELETE a DeleteItem.
 *
 * <p>Nothing is evaluated here: names and values become ExpressionAttributeNames and Values, and the
 * conditions and updates are written in the expression language, which the operations' own parser,
 * resolver and evaluator then handle exactly as for a JSON request.
 */
public final class StatementPlanner {

    /** DynamoDB's message for a write (or a batch or transaction read) that does not name the full key. */
    public static final String KEY_EQUALITY = "Where clause does not contain a mandatory equality on all key attributes";

    /**
     * A lowered SELECT: one Query per partition value, or one Scan; the projection (null for {@code *}); and,
     * when the WHERE has an equality on every key attribute of the table or index read, that key (else null).
     */
    public record Read(String operation, List<ObjectNode> requests, List<Expr.Path> projection, ObjectNode fullKey) {
    }

    /** A lowered write: the operation ({@code PutItem}, {@code UpdateItem}, {@code DeleteItem}) and its request. */
    public record Write(String operation, ObjectNode request) {

        /** The same write as an action of TransactWriteItems ({@code {"Put": {...}}}, ...). */
        public ObjectNode transactAction() {
            ObjectNode body = request.deepCopy();
            body.remove("ReturnValues");
            ObjectNode action = JsonNodeFactory.instance.objectNode();
            action.set(switch (operation) {
                case "PutItem" -> "Put";
                case "UpdateItem" -> "Update";
                case "DeleteItem" -> "Delete";
                default -> "ConditionCheck";
            }, body);
            return action;
        }
    }

    private static final String PARTITION_VALUE = ":partition";

    private final JsonNode parameters;
    private final Map<String, String> names = new LinkedHashMap<>();
    private final ObjectNode values = JsonNodeFactory.instance.objectNode();

    private StatementPlanner(JsonNode parameters) {
        this.parameters = parameters;
    }

    /** Checks the request's Parameters against the statement's {@code ?}s (DynamoDB's message when they differ). */
    public static void checkParameters(StatementParser.Parsed parsed, JsonNode parameters) {
        int given = parameters == null || parameters.isNull() ? 0 : parameters.size();
        if (given != parsed.parameterCount()) {
            throw ApiError.validation("Number of parameters in request and statement don't match.");
        }
    }

    // ---- reads ----

    /** Lowers a SELECT into Query or Scan requests. */
    public static Read select(Statement.Select select, JsonNode parameters, TableKeys tables) {
        return new StatementPlanner(parameters).planSelect(select, tables);
    }

    private Read planSelect(Statement.Select select, TableKeys tables) {
        TableKeys.Keys keys = tables.target(select.index());
        List<Expr> conjuncts = conjuncts(select.where());
        ObjectNode fullKey = fullKey(conjuncts, keys);
        List<Expr> rest = new ArrayList<>(conjuncts);
        List<List<Expr>> partitionValues = new ArrayList<>();
        for (String attribute : keys.partitionKeys()) {
            Expr found = null;
            for (Expr conjunct : rest) {
                Expr single = equalityOn(conjunct, attribute);
                List<Expr> values = single != null ? List.of(single) : inOn(conjunct, attribute);
                if (values != null) {
                    partitionValues.add(values);
                    found = conjunct;
                    break;
                }
            }
            if (found == null) {
                partitionValues = null;
                break;
            }
            rest.remove(found);
        }
        List<Expr> sortConditions = new ArrayList<>();
        if (partitionValues != null) {
            sortConditions = sortKeyConditions(rest, keys.sortKeys());
            for (Expr conjunct : rest) {
                if (references(conjunct, keys)) {
                    // a Query's filter may not read a key attribute: the whole WHERE becomes a Scan's filter
                    partitionValues = null;
                    break;
                }
            }
        }
        ObjectNode base = JsonNodeFactory.instance.objectNode();
        base.put("TableName", select.table());
        if (select.index() != null) {
            base.put("IndexName", select.index());
        }
        if (select.projection() != null) {
            base.put("ProjectionExpression", projection(select.projection()));
        }
        List<ObjectNode> requests = new ArrayList<>();
        if (partitionValues == null) {
            if (select.where() != null) {
                base.put("FilterExpression", condition(select.where()));
            }
            finish(base);
            requests.add(base);
            return new Read("Scan", requests, select.projection(), fullKey);
        }
        if (!rest.isEmpty()) {
            base.put("FilterExpression", and(rest));
        }
        if (select.descending()) {
            base.put("ScanIndexForward", false);
        }
        // a key condition is a plain conjunction: the partition equalities, then the sort key conditions
        List<String> sortTexts = sortConditions.stream().map(this::condition).toList();
        StringJoiner keyCondition = new StringJoiner(" AND ");
        for (int i = 0; i < keys.partitionKeys().size(); i++) {
            keyCondition.add(name(keys.partitionKeys().get(i)) + " = " + partitionValue(i));
        }
        sortTexts.forEach(keyCondition::add);
        finish(base);
        for (List<Expr> combination : combinations(partitionValues)) {
            // one Query per partition value (per combination of values, for a multi-attribute partition key)
            ObjectNode request = base.deepCopy();
            request.put("KeyConditionExpression", keyCondition.toString());
            ObjectNode attributeValues = request.has("ExpressionAttributeValues")
                    ? (ObjectNode) request.get("ExpressionAttributeValues") : request.putObject("ExpressionAttributeValues");
            for (int i = 0; i < combination.size(); i++) {
                attributeValues.set(partitionValue(i), constant(combination.get(i)));
            }
            requests.add(request);
        }
        return new Read("Query", requests, select.projection(), fullKey);
    }

    /** The placeholder of the i-th partition key attribute's value in a lowered Query. */
    private static String partitionValue(int i) {
        return i == 0 ? PARTITION_VALUE : PARTITION_VALUE + i;
    }

    /**
     * The conditions a KeyConditionExpression can hold on the sort key attributes, taken out of
     * {@code rest}: from the first attribute on, an equality on each, then at most one range condition (a
     * single sort key: one condition of either kind).
     */
    private static List<Expr> sortKeyConditions(List<Expr> rest, List<String> sortKeys) {
        List<Expr> taken = new ArrayList<>();
        for (String attribute : sortKeys) {
            Expr equality = null;
            Expr range = null;
            for (Expr conjunct : rest) {
                if (isSortKeyCondition(conjunct, attribute)) {
                    if (conjunct instanceof Expr.Binary b && b.operator().equals("=")) {
                        equality = equality == null ? conjunct : equality;
                    } else {
                        range = range == null ? conjunct : range;
                    }
                }
            }
            Expr chosen = equality != null ? equality : range;
            if (chosen == null) {
                break;
            }
            taken.add(chosen);
            rest.remove(chosen);
            if (chosen == range) {
                break;
            }
        }
        return taken;
    }

    /** Every choice of one value from each list, the first list varying slowest. */
    private static List<List<Expr>> combinations(List<List<Expr>> values) {
        List<List<Expr>> combinations = List.of(List.of());
        for (List<Expr> choices : values) {
            List<List<Expr>> longer = new ArrayList<>();
            for (List<Expr> prefix : combinations) {
                for (Expr choice : choices) {
                    List<Expr> combination = new ArrayList<>(prefix);
                    combination.add(choice);
                    longer.add(combination);
                }
            }
            combinations = longer;
        }
        return combinations;
    }

    /** Lowers a SELECT of a transaction: a TransactGetItems Get of the one item its WHERE names. */
    public static ObjectNode transactGet(Statement.Select select, JsonNode parameters, TableKeys tables) {
        StatementPlanner planner = new StatementPlanner(parameters);
        if (select.index() != null) {
            throw ApiError.validation("Reading from an index is not supported in ExecuteTransaction");
        }
        List<Expr> conjuncts = conjuncts(select.where());
        ObjectNode key = planner.fullKey(conjuncts, tables.primary());
        if (key == null) {
            throw ApiError.validation(KEY_EQUALITY);
        }
        if (conjuncts.size() != key.size()) {
            throw ApiError.validation("A SELECT in ExecuteTransaction may have only an equality on each key attribute"
                    + " in its WHERE clause");
        }
        ObjectNode get = JsonNodeFactory.instance.objectNode();
        get.put("TableName", select.table());
        get.set("Key", key);
        if (select.projection() != null) {
            get.put("ProjectionExpression", planner.projection(select.projection()));
        }
        planner.finish(get);
        return get;
    }

    // ---- writes ----

    /** Lowers an INSERT, UPDATE or DELETE (or an EXISTS, as a transaction's ConditionCheck). */
    public static Write write(Statement statement, JsonNode parameters, TableKeys tables) {
        StatementPlanner planner = new StatementPlanner(parameters);
        if (statement instanceof Statement.Insert insert) {
            return planner.insert(insert, tables.primary());
        }
        if (statement instanceof Statement.Update update) {
            return planner.update(update, tables.primary());
        }
        if (statement instanceof Statement.Delete delete) {
            return planner.delete(delete, tables.primary());
        }
        if (statement instanceof Statement.Exists exists) {
            return planner.exists(exists, tables.primary());
        }
        throw new IllegalArgumentException("a SELECT is a read");
    }

    private Write insert(Statement.Insert insert, TableKeys.Keys keys) {
        ObjectNode item = constant(insert.item());
        if (item == null || !item.has("M")) {
            throw ApiError.validation(StatementParser.MALFORMED + "Expected a tuple ({...}) after VALUE");
        }
        ObjectNode request = JsonNodeFactory.instance.objectNode();
        request.put("TableName", insert.table());
        request.set("Item", item.get("M"));
        request.put("ConditionExpression", "attribute_not_exists(" + name(keys.partitionKey()) + ")");
        finish(request);
        return new Write("PutItem", request);
    }

    private Write update(Statement.Update update, TableKeys.Keys keys) {
        List<Expr> conjuncts = conjuncts(update.where());
        ObjectNode request = keyedRequest(update.table(), conjuncts, keys);
        List<String> set = new ArrayList<>();
        List<String> remove = new ArrayList<>();
        List<String> add = new ArrayList<>();
        List<String> delete = new ArrayList<>();
        for (Statement.Action action : update.actions()) {
            if (action instanceof Statement.Remove r) {
                remove.add(path(r.path()));
            } else if (action instanceof Statement.Set s) {
                if (s.value() instanceof Expr.Call call && (call.function().equals("set_add")
                        || call.function().equals("set_delete"))) {
                    if (call.arguments().size() != 2 || !(call.arguments().get(0) instanceof Expr.Path target)
                            || !target.equals(s.path())) {
                        throw ApiError.validation(call.function() + " must name the attribute it sets as its first"
                                + " argument: SET a = " + call.function() + "(a, <<...>>)");
                    }
                    (call.function().equals("set_add") ? add : delete)
                            .add(path(s.path()) + " " + operand(call.arguments().get(1)));
                } else {
                    set.add(path(s.path()) + " = " + operand(s.value()));
                }
            }
        }
        StringBuilder expression = new StringBuilder();
        clause(expression, "SET", set);
        clause(expression, "REMOVE", remove);
        clause(expression, "ADD", add);
        clause(expression, "DELETE", delete);
        request.put("UpdateExpression", expression.toString());
        String exists = "attribute_exists(" + name(keys.partitionKey()) + ")";
        request.put("ConditionExpression", conjuncts.isEmpty() ? exists : exists + " AND " + and(conjuncts));
        if (update.returning() != null) {
            request.put("ReturnValues", update.returning().returnValues());
        }
        finish(request);
        return new Write("UpdateItem", request);
    }

    private Write delete(Statement.Delete delete, TableKeys.Keys keys) {
        if (delete.returning() != null && delete.returning() != Statement.Returning.ALL_OLD) {
            throw ApiError.validation("Invalid returning clause: RETURNING " + delete.returning().words()
                    + " *. Only RETURNING ALL OLD * is allowed in DELETE statements.");
        }
        List<Expr> conjuncts = conjuncts(delete.where());
        ObjectNode request = keyedRequest(delete.table(), conjuncts, keys);
        if (!conjuncts.isEmpty()) {
            // a missing item is deleted silently whatever the rest of the WHERE says, as in DynamoDB
            request.put("ConditionExpression", "attribute_not_exists(" + name(keys.partitionKey()) + ") OR ("
                    + and(conjuncts) + ")");
        }
        if (delete.returning() != null) {
            request.put("ReturnValues", "ALL_OLD");
        }
        finish(request);
        return new Write("DeleteItem", request);
    }

    private Write exists(Statement.Exists exists, TableKeys.Keys keys) {
        Statement.Select select = exists.select();
        List<Expr> conjuncts = conjuncts(select.where());
        ObjectNode request = keyedRequest(select.table(), conjuncts, keys);
        String present = "attribute_exists(" + name(keys.partitionKey()) + ")";
        request.put("ConditionExpression", conjuncts.isEmpty() ? present : present + " AND " + and(conjuncts));
        finish(request);
        return new Write("ConditionCheck", request);
    }

    /** A request with TableName and the Key the WHERE's equalities name; they are taken out of {@code conjuncts}. */
    private ObjectNode keyedRequest(String table, List<Expr> conjuncts, TableKeys.Keys keys) {
        ObjectNode key = JsonNodeFactory.instance.objectNode();
        for (String attribute : keys.all()) {
            Expr found = null;
            for (Expr conjunct : conjuncts) {
                Expr value = equalityOn(conjunct, attribute);
                if (value != null) {
                    key.set(attribute, constant(value));
                    found = conjunct;
                    break;
                }
            }
            if (found == null) {
                throw ApiError.validation(KEY_EQUALITY);
            }
            conjuncts.remove(found);
        }
        ObjectNode request = JsonNodeFactory.instance.objectNode();
        request.put("TableName", table);
        request.set("Key", key);
        return request;
    }

    /** The key, when the conjuncts hold an equality on each key attribute; else null. */
    private ObjectNode fullKey(List<Expr> conjuncts, TableKeys.Keys keys) {
        ObjectNode key = JsonNodeFactory.instance.objectNode();
        for (String attribute : keys.all()) {
            for (Expr conjunct : conjuncts) {
                Expr value = equalityOn(conjunct, attribute);
                if (value != null) {
                    key.set(attribute, constant(value));
                    break;
                }
            }
            if (!key.has(attribute)) {
                return null;
            }
        }
        return key;
    }

    // ---- planning helpers ----

    /** The AND-ed parts of a condition (none for no WHERE). */
    private static List<Expr> conjuncts(Expr where) {
        List<Expr> parts = new ArrayList<>();
        if (where != null) {
            collectConjuncts(where, parts);
        }
        return parts;
    }

    private static void collectConjuncts(Expr expr, List<Expr> parts) {
        if (expr instanceof Expr.Binary b && b.operator().equals("AND")) {
            collectConjuncts(b.left(), parts);
            collectConjuncts(b.right(), parts);
        } else {
            parts.add(expr);
        }
    }

    /** The constant the conjunct equates the attribute with ({@code attr = v} or {@code v = attr}), else null. */
    private static Expr equalityOn(Expr conjunct, String attribute) {
        if (conjunct instanceof Expr.Binary b && b.operator().equals("=")) {
            if (b.left() instanceof Expr.Path p && p.isName(attribute) && isConstant(b.right())) {
                return b.right();
            }
            if (b.right() instanceof Expr.Path p && p.isName(attribute) && isConstant(b.left())) {
                return b.left();
            }
        }
        return null;
    }

    /** The constants of {@code attr IN [...]} or of {@code attr = a OR attr = b ...}, else null. */
    private static List<Expr> inOn(Expr conjunct, String attribute) {
        if (conjunct instanceof Expr.In in && in.operand() instanceof Expr.Path p && p.isName(attribute)
                && in.values().stream().allMatch(StatementPlanner::isConstant)) {
            return in.values();
        }
        if (conjunct instanceof Expr.Binary b && b.operator().equals("OR")) {
            List<Expr> values = new ArrayList<>();
            for (Expr side : List.of(b.left(), b.right())) {
                Expr equal = equalityOn(side, attribute);
                List<Expr> more = equal == null ? inOn(side, attribute) : List.of(equal);
                if (more == null) {
                    return null;
                }
                values.addAll(more);
            }
            return values;
        }
        return null;
    }

    /** A condition a KeyConditionExpression can hold on the sort key. */
    private static boolean isSortKeyCondition(Expr conjunct, String sortKey) {
        if (conjunct instanceof Expr.Binary b && !b.operator().equals("<>") && !b.operator().equals("AND")
                && !b.operator().equals("OR") && !b.operator().equals("+") && !b.operator().equals("-")) {
            return b.left() instanceof Expr.Path p && p.isName(sortKey) && isConstant(b.right());
        }
        if (conjunct instanceof Expr.Between between) {
            return between.operand() instanceof Expr.Path p && p.isName(sortKey) && isConstant(between.low())
                    && isConstant(between.high());
        }
        if (conjunct instanceof Expr.Call call && call.function().equals("begins_with") && call.arguments().size() == 2) {
            return call.arguments().get(0) instanceof Expr.Path p && p.isName(sortKey)
                    && isConstant(call.arguments().get(1));
        }
        return false;
    }

    /** True when the expression reads one of the keys' attributes. */
    private static boolean references(Expr expr, TableKeys.Keys keys) {
        if (expr instanceof Expr.Path p) {
            return keys.isKey(p.firstName());
        }
        if (expr instanceof Expr.Binary b) {
            return references(b.left(), keys) || references(b.right(), keys);
        }
        if (expr instanceof Expr.Not n) {
            return references(n.operand(), keys);
        }
        if (expr instanceof Expr.Between b) {
            return references(b.operand(), keys) || references(b.low(), keys) || references(b.high(), keys);
        }
        if (expr instanceof Expr.In in) {
            return references(in.operand(), keys) || in.values().stream().anyMatch(v -> references(v, keys));
        }
        if (expr instanceof Expr.Is is) {
            return references(is.operand(), keys);
        }
        if (expr instanceof Expr.Call call) {
            return call.arguments().stream().anyMatch(a -> references(a, keys));
        }
        return false;
    }

    private static boolean isConstant(Expr expr) {
        if (expr instanceof Expr.Literal || expr instanceof Expr.Parameter) {
            return true;
        }
        if (expr instanceof Expr.Tuple t) {
            return t.values().stream().allMatch(StatementPlanner::isConstant);
        }
        if (expr instanceof Expr.ListValue l) {
            return l.values().stream().allMatch(StatementPlanner::isConstant);
        }
        if (expr instanceof Expr.Bag b) {
            return b.values().stream().allMatch(StatementPlanner::isConstant);
        }
        return false;
    }

    // ---- writing expressions ----

    private String and(List<Expr> conjuncts) {
        StringJoiner joined = new StringJoiner(" AND ");
        for (Expr conjunct : conjuncts) {
            joined.add(conjuncts.size() == 1 ? condition(conjunct) : "(" + condition(conjunct) + ")");
        }
        return joined.toString();
    }

    /** The condition in the expression language. */
    private String condition(Expr expr) {
        if (expr instanceof Expr.Binary b && (b.operator().equals("AND") || b.operator().equals("OR"))) {
            return "(" + condition(b.left()) + ") " + b.operator() + " (" + condition(b.right()) + ")";
        }
        if (expr instanceof Expr.Binary b && !b.operator().equals("+") && !b.operator().equals("-")) {
            return operand(b.left()) + " " + b.operator() + " " + operand(b.right());
        }
        if (expr instanceof Expr.Not n) {
            return "NOT (" + condition(n.operand()) + ")";
        }
        if (expr instanceof Expr.Between b) {
            return operand(b.operand()) + " BETWEEN " + operand(b.low()) + " AND " + operand(b.high());
        }
        if (expr instanceof Expr.In in) {
            StringJoiner candidates = new StringJoiner(", ", " IN (", ")");
            for (Expr value : in.values()) {
                candidates.add(operand(value));
            }
            return operand(in.operand()) + candidates;
        }
        if (expr instanceof Expr.Is is && is.missing()) {
            return (is.negated() ? "attribute_exists(" : "attribute_not_exists(") + operand(is.operand()) + ")";
        }
        if (expr instanceof Expr.Is is) {
            ObjectNode nullType = JsonNodeFactory.instance.objectNode().put("S", "NULL");
            String test = "attribute_type(" + operand(is.operand()) + ", " + value(nullType) + ")";
            return is.negated() ? "NOT " + test : test;
        }
        return operand(expr);
    }

    /** An operand (or an update's value) in the expression language. */
    private String operand(Expr expr) {
        if (expr instanceof Expr.Path p) {
            return path(p);
        }
        if (expr instanceof Expr.Call call) {
            StringJoiner arguments = new StringJoiner(", ", call.function() + "(", ")");
            for (Expr argument : call.arguments()) {
                arguments.add(operand(argument));
            }
            return arguments.toString();
        }
        if (expr instanceof Expr.Binary b && (b.operator().equals("+") || b.operator().equals("-"))) {
            return operand(b.left()) + " " + b.operator() + " " + operand(b.right());
        }
        if (!isConstant(expr)) {
            throw ApiError.validation(StatementParser.MALFORMED + "Unexpected expression in an operand position");
        }
        return value(expr);
    }

    /**
     * The ProjectionExpression of a SELECT: the top-level attributes its paths start with (the answer names
     * each path's value by its leaf, which the caller picks from them; a projected list keeps only the
     * elements asked for, which would renumber them).
     */
    private String projection(List<Expr.Path> paths) {
        java.util.Set<String> attributes = new java.util.LinkedHashSet<>();
        for (Expr.Path path : paths) {
            attributes.add(name(path.firstName()));
        }
        return String.join(", ", attributes);
    }

    private String path(Expr.Path path) {
        StringBuilder text = new StringBuilder();
        for (Object element : path.elements()) {
            if (element instanceof Integer index) {
                text.append('[').append(index).append(']');
            } else {
                if (!text.isEmpty()) {
                    text.append('.');
                }
                text.append(name((String) element));
            }
        }
        return text.toString();
    }

    private String name(String name) {
        return names.computeIfAbsent(name, n -> "#n" + names.size());
    }

    private String value(Expr expr) {
        return value(constant(expr));
    }

    private String value(ObjectNode value) {
        String placeholder = ":v" + values.size();
        values.set(placeholder, value);
        return placeholder;
    }

    /** The AttributeValue a constant expression stands for. */
    private ObjectNode constant(Expr expr) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        if (expr instanceof Expr.Literal l) {
            return l.value().deepCopy();
        }
        if (expr instanceof Expr.Parameter p) {
            if (parameters == null || p.index() >= parameters.size() || !parameters.get(p.index()).isObject()) {
                throw ApiError.validation("Number of parameters in request and statement don't match.");
            }
            return ((ObjectNode) parameters.get(p.index())).deepCopy();
        }
        if (expr instanceof Expr.Tuple t) {
            ObjectNode map = json.objectNode();
            for (int i = 0; i < t.names().size(); i++) {
                map.set(t.names().get(i), constant(t.values().get(i)));
            }
            ObjectNode value = json.objectNode();
            value.set("M", map);
            return value;
        }
        if (expr instanceof Expr.ListValue l) {
            ArrayNode list = json.arrayNode();
            for (Expr element : l.values()) {
                list.add(constant(element));
            }
            ObjectNode value = json.objectNode();
            value.set("L", list);
            return value;
        }
        if (expr instanceof Expr.Bag b) {
            return set(b);
        }
        throw ApiError.validation(StatementParser.MALFORMED + "Expected a value");
    }

    /** A bag of strings, numbers or binaries is a set of that type. */
    private ObjectNode set(Expr.Bag bag) {
        String type = null;
        ArrayNode members = JsonNodeFactory.instance.arrayNode();
        for (Expr element : bag.values()) {
            ObjectNode member = constant(element);
            String memberType = member.fieldNames().hasNext() ? member.fieldNames().next() : "";
            if (!memberType.equals("S") && !memberType.equals("N") && !memberType.equals("B")) {
                throw ApiError.validation("A set (<<...>>) may hold only strings, numbers or binaries");
            }
            if (type != null && !type.equals(memberType)) {
                throw ApiError.validation("A set (<<...>>) may hold values of one type only");
            }
            type = memberType;
            members.add(member.get(memberType));
        }
        if (type == null) {
            throw ApiError.validation("One or more parameter values were invalid: A set (<<>>) may not be empty");
        }
        ObjectNode value = JsonNodeFactory.instance.objectNode();
        value.set(type + "S", members);
        return value;
    }

    private static void clause(StringBuilder expression, String keyword, List<String> parts) {
        if (!parts.isEmpty()) {
            if (!expression.isEmpty()) {
                expression.append(' ');
            }
            expression.append(keyword).append(' ').append(String.join(", ", parts));
        }
    }

    /** Adds the names and values the expressions use. */
    private void finish(ObjectNode request) {
        if (!names.isEmpty()) {
            ObjectNode attributeNames = request.putObject("ExpressionAttributeNames");
            names.forEach((name, placeholder) -> attributeNames.put(placeholder, name));
        }
        if (!values.isEmpty()) {
            request.set("ExpressionAttributeValues", values.deepCopy());
        }
    }
}
