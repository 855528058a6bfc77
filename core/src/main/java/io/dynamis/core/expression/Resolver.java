package io.dynamis.core.expression;

import io.dynamis.core.model.AttributeValue;
import io.dynamis.core.json.AttributeValueCodec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a cached syntax tree into the evaluable form for one request: substitutes the request's
 * ExpressionAttributeNames and ExpressionAttributeValues, and checks what the grammar cannot
 * (function names and places, reserved words, undefined placeholders, operand counts and the types
 * of literal operands, overlapping paths).
 *
 * <p>DynamoDB reports one problem per request, and when an expression has several it picks by kind,
 * not by position; the resolver therefore notes the first problem of each {@link Problem} while it
 * walks the whole tree, and throws the one that ranks first for the expression's kind.
 */
final class Resolver {

    /** The kinds of problems, in the order DynamoDB reports them for conditions. */
    enum Problem {
        REDUNDANT_PARENTHESES, UNKNOWN_FUNCTION, MISUSED_FUNCTION, RESERVED_WORD, REPEATED_SECTION,
        UNDEFINED_PLACEHOLDER, OVERLAPPING_PATHS, CONFLICTING_PATHS, ACTION_OPERAND, OPERAND_COUNT,
        DISTINCT_OPERANDS, OPERAND_TYPE
    }

    static final Set<String> CONDITION_FUNCTIONS = Set.of(
            "attribute_exists", "attribute_not_exists", "attribute_type", "begins_with", "contains");
    static final Set<String> UPDATE_FUNCTIONS = Set.of("if_not_exists", "list_append");
    private static final Set<String> TYPE_NAMES = Set.of("S", "N", "B", "NULL", "SS", "BOOL", "L", "BS", "NS", "M");
    static final int MAX_IN_OPERANDS = 100;

    private final ExpressionKind kind;
    private final ExpressionAttributes attributes;
    private final Map<Problem, String> problems = new EnumMap<>(Problem.class);

    private Resolver(ExpressionKind kind, ExpressionAttributes attributes) {
        this.kind = kind;
        this.attributes = attributes;
    }

    // ---- entry points ----

    static ConditionNode condition(ExpressionKind kind, Ast.ConditionTree tree, ExpressionAttributes attributes) {
        Resolver r = new Resolver(kind, attributes);
        if (tree.redundantParentheses()) {
            r.note(Problem.REDUNDANT_PARENTHESES, "The expression has redundant parentheses;");
        }
        ConditionNode node = r.cond(tree.root());
        r.throwFirstProblem();
        return node;
    }

    static UpdateProgram update(Ast.UpdateTree tree, ExpressionAttributes attributes) {
        Resolver r = new Resolver(ExpressionKind.UPDATE, attributes);
        if (tree.repeatedClause() != null) {
            r.note(Problem.REPEATED_SECTION,
                    "The \"" + tree.repeatedClause() + "\" section can only be used once in an update expression;");
        }
        List<UpdateProgram.Action> actions = new ArrayList<>();
        List<DocumentPath> targets = new ArrayList<>();
        for (Ast.Action action : tree.actions()) {
            DocumentPath path = r.path(action.path());
            r.checkOverlap(targets, path);
            targets.add(path);
            if (action instanceof Ast.SetAction set) {
                actions.add(new UpdateProgram.SetAction(path, r.updateOperand(set.value())));
            } else if (action instanceof Ast.RemoveAction) {
                actions.add(new UpdateProgram.RemoveAction(path));
            } else if (action instanceof Ast.AddAction add) {
                AttributeValue value = r.actionValue("ADD", add.value());
                actions.add(new UpdateProgram.AddAction(path, value, false));
            } else if (action instanceof Ast.DeleteAction delete) {
                AttributeValue value = r.actionValue("DELETE", delete.value());
                actions.add(new UpdateProgram.DeleteAction(path, value));
            }
        }
        r.throwFirstProblem();
        return new UpdateProgram(actions);
    }

    static List<DocumentPath> projection(Ast.ProjectionTree tree, ExpressionAttributes attributes) {
        Resolver r = new Resolver(ExpressionKind.PROJECTION, attributes);
        List<DocumentPath> paths = new ArrayList<>();
        for (Ast.Path p : tree.paths()) {
            DocumentPath path = r.path(p);
            r.checkOverlap(paths, path);
            paths.add(path);
        }
        r.throwFirstProblem();
        return paths;
    }

    // ---- problems ----

    private void note(Problem problem, String message) {
        problems.putIfAbsent(problem, message);
    }

    private void throwFirstProblem() {
        if (problems.isEmpty()) {
            return;
        }
        if (kind == ExpressionKind.UPDATE && problems.containsKey(Problem.RESERVED_WORD)) {
            throw kind.error(problems.get(Problem.RESERVED_WORD));
        }
        throw kind.error(problems.values().iterator().next());
    }

    // ---- paths ----

    DocumentPath path(Ast.Path path) {
        List<Object> elements = new ArrayList<>();
        for (Ast.Element e : path.elements()) {
            if (e instanceof Ast.Index index) {
                elements.add(index.index());
            } else {
                Ast.Name name = (Ast.Name) e;
                if (name.placeholder()) {
                    String resolved = attributes.name(name.text());
                    if (resolved == null) {
                        note(Problem.UNDEFINED_PLACEHOLDER, "An expression attribute name used in the document path"
                                + " is not defined; attribute name: " + name.text());
                        resolved = name.text();
                    }
                    elements.add(resolved);
                } else {
                    if (ReservedWords.isReserved(name.text())) {
                        note(Problem.RESERVED_WORD, "Attribute name is a reserved keyword; reserved keyword: " + name.text());
                    }
                    elements.add(name.text());
                }
            }
        }
        return new DocumentPath(elements);
    }

    private AttributeValue value(Ast.ValueRef ref) {
        AttributeValue v = attributes.value(ref.name());
        if (v == null) {
            note(Problem.UNDEFINED_PLACEHOLDER, "An expression attribute value used in expression is not defined;"
                    + " attribute value: " + ref.name());
        }
        return v;
    }

    /** Notes overlapping or conflicting paths, as DynamoDB checks the targets of an update and a projection. */
    private void checkOverlap(List<DocumentPath> earlier, DocumentPath path) {
        for (DocumentPath other : earlier) {
            List<Object> a = other.elements();
            List<Object> b = path.elements();
            boolean differ = false;
            for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
                Object x = a.get(i);
                Object y = b.get(i);
                if ((x instanceof Integer) != (y instanceof Integer)) {
                    note(Problem.CONFLICTING_PATHS, "Two document paths conflict with each other; must remove or"
                            + " rewrite one of these paths; path one: " + DocumentPaths.describe(other)
                            + ", path two: " + DocumentPaths.describe(path));
                    differ = true;
                    break;
                }
                if (!x.equals(y)) {
                    differ = true;
                    break;
                }
            }
            if (!differ) {
                note(Problem.OVERLAPPING_PATHS, "Two document paths overlap with each other; must remove or"
                        + " rewrite one of these paths; path one: " + DocumentPaths.describe(other)
                        + ", path two: " + DocumentPaths.describe(path));
            }
        }
    }

    // ---- conditions ----

    private ConditionNode cond(Ast.Cond c) {
        if (c instanceof Ast.And and) {
            return new ConditionNode.And(List.of(cond(and.left()), cond(and.right())));
        }
        if (c instanceof Ast.Or or) {
            return new ConditionNode.Or(List.of(cond(or.left()), cond(or.right())));
        }
        if (c instanceof Ast.Not not) {
            return new ConditionNode.Not(cond(not.operand()));
        }
        if (c instanceof Ast.Compare compare) {
            Operand left = conditionOperand(compare.left());
            Operand right = conditionOperand(compare.right());
            checkDistinct(compare.operator(), left, right);
            if (!compare.operator().equals("=") && !compare.operator().equals("<>")) {
                checkOrderable(compare.operator(), left, right);
            }
            return new ConditionNode.Compare(compare.operator(), left, right);
        }
        if (c instanceof Ast.Between between) {
            Operand subject = conditionOperand(between.subject());
            Operand lower = conditionOperand(between.lower());
            Operand upper = conditionOperand(between.upper());
            checkOrderable("BETWEEN", subject, lower, upper);
            checkBounds(lower, upper);
            return new ConditionNode.Between(subject, lower, upper);
        }
        if (c instanceof Ast.In in) {
            Operand subject = conditionOperand(in.subject());
            List<Operand> candidates = new ArrayList<>();
            for (Ast.Operand candidate : in.candidates()) {
                candidates.add(conditionOperand(candidate));
            }
            if (candidates.size() > MAX_IN_OPERANDS) {
                note(Problem.OPERAND_COUNT, "The IN operator is provided with too many operands; number of operands: "
                        + candidates.size());
            }
            return new ConditionNode.In(subject, candidates);
        }
        return functionCondition(((Ast.FunctionCondition) c).call());
    }

    private ConditionNode functionCondition(Ast.Call call) {
        String name = call.name();
        if (!CONDITION_FUNCTIONS.contains(name)) {
            if (name.equals("size")) {
                note(Problem.MISUSED_FUNCTION, "The function is not allowed to be used this way in an expression;"
                        + " function: size");
            } else {
                unknownFunction(name);
            }
            call.args().forEach(this::conditionOperand);
            return new ConditionNode.And(List.of());
        }
        List<Operand> args = new ArrayList<>();
        for (Ast.Operand arg : call.args()) {
            args.add(conditionOperand(arg));
        }
        int expected = name.startsWith("attribute_") && !name.equals("attribute_type") ? 1 : 2;
        if (args.size() != expected) {
            note(Problem.OPERAND_COUNT, "Incorrect number of operands for operator or function; operator or function: "
                    + name + ", number of operands: " + args.size());
            return new ConditionNode.And(List.of());
        }
        if (expected == 2) {
            checkDistinct(name, args.get(0), args.get(1));
        }
        switch (name) {
            case "attribute_exists", "attribute_not_exists" -> {
                if (!(args.get(0) instanceof Operand.PathOperand path)) {
                    note(Problem.OPERAND_TYPE, "Operator or function requires a document path; operator or function: " + name);
                    return new ConditionNode.And(List.of());
                }
                return new ConditionNode.AttributeExists(path.path(), name.equals("attribute_exists"));
            }
            case "attribute_type" -> {
                AttributeValue type = literal(args.get(1));
                if (!(type instanceof AttributeValue.Str typeName)) {
                    note(Problem.OPERAND_TYPE, "Incorrect operand type for operator or function; operator or function: "
                            + name + ", operand type: " + (type == null ? "{NS,SS,L,BS,N,M,B,BOOL,NULL,S}" : type.type()));
                } else if (!TYPE_NAMES.contains(typeName.value())) {
                    note(Problem.OPERAND_TYPE, "Invalid attribute type name found; type: " + typeName.value()
                            + ", valid types: {B,NULL,SS,BOOL,L,BS,N,NS,S,M}");
                }
                return new ConditionNode.AttributeType(args.get(0), args.get(1));
            }
            case "begins_with" -> {
                for (Operand arg : args) {
                    AttributeValue v = literal(arg);
                    if (v != null && v.type() != AttributeValue.Type.S && v.type() != AttributeValue.Type.B) {
                        note(Problem.OPERAND_TYPE, "Incorrect operand type for operator or function; operator or function: "
                                + name + ", operand type: " + v.type());
                    }
                }
                return new ConditionNode.BeginsWith(args.get(0), args.get(1));
            }
            default -> {
                return new ConditionNode.Contains(args.get(0), args.get(1));
            }
        }
    }

    /** An operand of a comparison or function: a path, a value, or size(...). */
    private Operand conditionOperand(Ast.Operand operand) {
        if (operand instanceof Ast.Path path) {
            return new Operand.PathOperand(path(path));
        }
        if (operand instanceof Ast.ValueRef ref) {
            return new Operand.Literal(value(ref));
        }
        if (operand instanceof Ast.Call call) {
            if (!call.name().equals("size")) {
                if (CONDITION_FUNCTIONS.contains(call.name())) {
                    note(Problem.MISUSED_FUNCTION, "The function is not allowed to be used this way in an expression;"
                            + " function: " + call.name());
                } else {
                    unknownFunction(call.name());
                }
                call.args().forEach(this::conditionOperand);
                return new Operand.Literal(null);
            }
            List<Operand> args = call.args().stream().map(this::conditionOperand).toList();
            if (args.size() != 1) {
                note(Problem.OPERAND_COUNT, "Incorrect number of operands for operator or function; operator or function:"
                        + " size, number of operands: " + args.size());
                return new Operand.Literal(null);
            }
            AttributeValue v = literal(args.get(0));
            if (v != null && (v.type() == AttributeValue.Type.N || v.type() == AttributeValue.Type.BOOL
                    || v.type() == AttributeValue.Type.NULL)) {
                note(Problem.OPERAND_TYPE, "Incorrect operand type for operator or function; operator or function:"
                        + " size, operand type: " + v.type());
            }
            return new Operand.Size(args.get(0));
        }
        throw new IllegalStateException("arithmetic in a condition: " + operand);
    }

    private void unknownFunction(String name) {
        if (kind.isCondition() && UPDATE_FUNCTIONS.contains(name)) {
            note(Problem.UNKNOWN_FUNCTION, "The function is not allowed in a condition expression; function: " + name);
        } else if (kind == ExpressionKind.UPDATE && (CONDITION_FUNCTIONS.contains(name) || name.equals("size"))) {
            note(Problem.UNKNOWN_FUNCTION, "The function is not allowed in an update expression; function: " + name);
        } else {
            note(Problem.UNKNOWN_FUNCTION, "Invalid function name; function: " + name);
        }
    }

    private void checkDistinct(String operator, Operand a, Operand b) {
        if (a instanceof Operand.PathOperand x && b instanceof Operand.PathOperand y && x.path().equals(y.path())) {
            note(Problem.DISTINCT_OPERANDS, "The first operand must be distinct from the remaining operands for this"
                    + " operator or function; operator: " + operator + ", first operand: " + DocumentPaths.describe(x.path()));
        }
    }

    /** Only strings, numbers and binaries have an order: a literal of another type cannot be compared. */
    private void checkOrderable(String operator, Operand... operands) {
        for (Operand operand : operands) {
            AttributeValue v = literal(operand);
            if (v != null && v.type() != AttributeValue.Type.S && v.type() != AttributeValue.Type.N
                    && v.type() != AttributeValue.Type.B) {
                note(Problem.OPERAND_TYPE, "Incorrect operand type for operator or function; operator or function: "
                        + operator + ", operand type: " + v.type());
            }
        }
    }

    private void checkBounds(Operand lower, Operand upper) {
        AttributeValue low = literal(lower);
        AttributeValue high = literal(upper);
        if (low == null || high == null) {
            return;
        }
        String operands = "; lower bound operand: AttributeValue: " + render(low)
                + ", upper bound operand: AttributeValue: " + render(high);
        if (low.type() != high.type()) {
            note(Problem.OPERAND_TYPE, "The BETWEEN operator requires same data type for lower and upper bounds" + operands);
        } else {
            Integer order = Values.compare(low, high);
            if (order != null && order > 0) {
                note(Problem.OPERAND_TYPE,
                        "The BETWEEN operator requires upper bound to be greater than or equal to lower bound" + operands);
            }
        }
    }

    /** DynamoDB's short rendering of a literal in messages: {@code {N:1}}, {@code {S:a}}. */
    static String render(AttributeValue v) {
        String content;
        if (v instanceof AttributeValue.Str s) {
            content = s.value();
        } else if (v instanceof AttributeValue.Num n) {
            content = n.text();
        } else if (v instanceof AttributeValue.Bin b) {
            content = Base64.getEncoder().encodeToString(b.value());
        } else {
            content = AttributeValueCodec.encode(v).get(v.type().name()).toString();
        }
        return "{" + v.type() + ":" + content + "}";
    }

    /** The value of a literal operand (a value placeholder), or null for anything else. */
    private static AttributeValue literal(Operand operand) {
        return operand instanceof Operand.Literal l ? l.literal() : null;
    }

    // ---- updates ----

    private Operand updateOperand(Ast.Operand operand) {
        if (operand instanceof Ast.Path path) {
            return new Operand.PathOperand(path(path));
        }
        if (operand instanceof Ast.ValueRef ref) {
            return new Operand.Literal(value(ref));
        }
        if (operand instanceof Ast.Arithmetic arithmetic) {
            Operand left = updateOperand(arithmetic.left());
            Operand right = updateOperand(arithmetic.right());
            for (Operand side : List.of(left, right)) {
                AttributeValue type = staticType(side);
                if (type != null && type.type() != AttributeValue.Type.N) {
                    note(Problem.OPERAND_TYPE, "Incorrect operand type for operator or function; operator or function: "
                            + arithmetic.operator() + ", operand type: " + type.type());
                }
            }
            return new Operand.Arithmetic(arithmetic.operator(), left, right);
        }
        Ast.Call call = (Ast.Call) operand;
        List<Operand> args = call.args().stream().map(this::updateOperand).toList();
        if (!UPDATE_FUNCTIONS.contains(call.name())) {
            unknownFunction(call.name());
            return new Operand.Literal(null);
        }
        if (args.size() != 2) {
            note(Problem.OPERAND_TYPE, "Incorrect number of operands for operator or function; operator or function: "
                    + call.name() + ", number of operands: " + args.size());
            return new Operand.Literal(null);
        }
        if (call.name().equals("if_not_exists")) {
            if (!(args.get(0) instanceof Operand.PathOperand path)) {
                note(Problem.OPERAND_TYPE, "Operator or function requires a document path; operator or function: if_not_exists");
                return new Operand.Literal(null);
            }
            return new Operand.IfNotExists(path.path(), args.get(1));
        }
        for (Operand arg : args) {
            AttributeValue type = staticType(arg);
            if (type != null && type.type() != AttributeValue.Type.L) {
                note(Problem.OPERAND_TYPE, "Incorrect operand type for operator or function; operator or function: "
                        + "list_append, operand type: " + type.type());
            }
        }
        return new Operand.ListAppend(args.get(0), args.get(1));
    }

    /** A value standing for the type an operand is known to have before the item is read, or null. */
    private static AttributeValue staticType(Operand operand) {
        if (operand instanceof Operand.Literal literal) {
            return literal.literal();
        }
        if (operand instanceof Operand.Arithmetic) {
            return AttributeValue.n(0);
        }
        if (operand instanceof Operand.ListAppend) {
            return new AttributeValue.ListValue(List.of());
        }
        if (operand instanceof Operand.IfNotExists ifNotExists) {
            return staticType(ifNotExists.fallback());
        }
        return null;
    }

    /** The value of an ADD or DELETE action: ADD takes a number or a set, DELETE a set. */
    private AttributeValue actionValue(String operator, Ast.ValueRef ref) {
        AttributeValue v = value(ref);
        if (v != null && !Values.isSet(v) && !(operator.equals("ADD") && v.type() == AttributeValue.Type.N)) {
            note(Problem.ACTION_OPERAND, "Incorrect operand type for operator or function; operator: " + operator
                    + ", operand type: " + Values.longTypeName(v.type()) + ", typeSet: ALLOWED_FOR_" + operator
                    + "_OPERAND");
        }
        return v;
    }
}
