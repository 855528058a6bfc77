package io.dynamis.core.expression;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A hand-written recursive-descent parser for DynamoDB's three grammars.
 *
 * <pre>
 * condition  := or
 * or         := and ( OR and )*
 * and        := not ( AND not )*
 * not        := NOT not | primary
 * primary    := '(' or ')' | operand comparator operand | operand BETWEEN operand AND operand
 *             | operand IN '(' operand ( ',' operand )* ')' | function
 * operand    := '(' operand ')' | path | :value | name '(' operand ( ',' operand )* ')'
 * path       := ( name | #name ) ( '.' ( name | #name ) | '[' digits ']' )*
 *
 * update     := ( SET set ( ',' set )* | REMOVE path ( ',' path )* | ADD path :value ( ',' ... )*
 *             | DELETE path :value ( ',' ... )* )+
 * set        := path '=' value
 * value      := term ( ( '+' | '-' ) term )?
 * term       := '(' value ')' | path | :value | name '(' term ( ',' term )* ')'
 *
 * projection := path ( ',' path )*
 * </pre>
 *
 * Keywords ignore case; function names do not. The parser only answers syntax errors, in DynamoDB's
 * form {@code Syntax error; token: "x", near: "a x"}; everything else (unknown functions, reserved
 * words, placeholders, types) is the {@link Resolver}'s to report, in DynamoDB's order.
 *
 * <p>A parenthesis after {@code NOT}, {@code AND} or at the start may open a condition or an operand;
 * the parser tries the condition first and backtracks, remembering failed positions so that deeply
 * nested parentheses stay linear.
 *
 * <p>It counts operators and functions as it goes and stops past 300, and never recurses deeper than
 * {@link ExpressionLimits#MAX_NESTING}, so no text can exhaust the stack.
 */
final class Parser {

    private static final Set<String> COMPARATORS = Set.of("=", "<>", "<", "<=", ">", ">=");
    private static final Set<String> CONDITION_KEYWORDS = Set.of("AND", "OR", "NOT", "BETWEEN", "IN");
    private static final Set<String> CLAUSES = Set.of("SET", "REMOVE", "ADD", "DELETE");

    private final List<Token> tokens;
    private final boolean updateGrammar;
    private int pos;
    private ExpressionSyntaxException furthest;
    private final Set<Integer> failedParenthesizedConditions = new HashSet<>();
    /** Parenthesis pairs seen, as open * 2^32 + close token indexes, to find doubled ones. */
    private final Set<Long> parenthesisPairs = new HashSet<>();
    private boolean redundantParentheses;
    /** Operators and functions so far, and how deep the rules have recursed: {@link ExpressionLimits}. */
    private int operators;
    private int depth;

    private Parser(String text, boolean updateGrammar) {
        this.tokens = Lexer.tokenize(text);
        this.updateGrammar = updateGrammar;
        this.pos = skipWhitespace(0);
    }

    static Ast.ConditionTree parseCondition(String text) {
        Parser p = new Parser(text, false);
        return p.complete(() -> new Ast.ConditionTree(p.or(), p.redundantParentheses));
    }

    static Ast.UpdateTree parseUpdate(String text) {
        Parser p = new Parser(text, true);
        return p.complete(p::update);
    }

    static Ast.ProjectionTree parseProjection(String text) {
        Parser p = new Parser(text, false);
        return p.complete(() -> {
            List<Ast.Path> paths = new ArrayList<>();
            paths.add(p.path());
            while (p.peek().is(",")) {
                p.next();
                paths.add(p.path());
            }
            return new Ast.ProjectionTree(paths);
        });
    }

    private <T> T complete(java.util.function.Supplier<T> rule) {
        try {
            T result = rule.get();
            if (peek().kind() != Token.Kind.EOF) {
                throw syntaxError();
            }
            return result;
        } catch (ExpressionSyntaxException e) {
            throw furthestOf(e);
        }
    }

    // ---- conditions ----

    private Ast.Cond or() {
        descend();
        Ast.Cond left = and();
        while (peek().isKeyword("OR")) {
            next();
            countOperator();
            left = new Ast.Or(left, and());
        }
        ascend();
        return left;
    }

    private Ast.Cond and() {
        Ast.Cond left = not();
        while (peek().isKeyword("AND")) {
            next();
            countOperator();
            left = new Ast.And(left, not());
        }
        return left;
    }

    private Ast.Cond not() {
        if (peek().isKeyword("NOT")) {
            next();
            countOperator();
            return new Ast.Not(not());
        }
        return primary();
    }

    private Ast.Cond primary() {
        int start = pos;
        int startOperators = operators;
        int startDepth = depth;
        if (peek().is("(") && !failedParenthesizedConditions.contains(start)) {
            try {
                int open = next().index();
                Ast.Cond inner = or();
                int close = expect(")").index();
                noteParentheses(open, close);
                if (!isComparisonContinuation(peek())) {
                    return inner;
                }
                throw syntaxError();
            } catch (ExpressionSyntaxException e) {
                remember(e);
                failedParenthesizedConditions.add(start);
                pos = start;
                operators = startOperators;
                depth = startDepth;
            }
        }
        Ast.Operand left = operand();
        Token t = peek();
        if (t.kind() == Token.Kind.PUNCT && COMPARATORS.contains(t.text())) {
            next();
            countOperator();
            return new Ast.Compare(t.text(), left, operand());
        }
        if (t.isKeyword("BETWEEN")) {
            next();
            countOperator();
            Ast.Operand lower = operand();
            if (!peek().isKeyword("AND")) {
                throw syntaxError();
            }
            next();
            return new Ast.Between(left, lower, operand());
        }
        if (t.isKeyword("IN")) {
            next();
            countOperator();
            expect("(");
            List<Ast.Operand> candidates = new ArrayList<>();
            candidates.add(operand());
            while (peek().is(",")) {
                next();
                candidates.add(operand());
            }
            expect(")");
            return new Ast.In(left, candidates);
        }
        if (left instanceof Ast.Call call && tokens.get(start).kind() == Token.Kind.NAME) {
            return new Ast.FunctionCondition(call);
        }
        throw syntaxError();
    }

    private static boolean isComparisonContinuation(Token t) {
        return (t.kind() == Token.Kind.PUNCT && COMPARATORS.contains(t.text()))
                || t.isKeyword("BETWEEN") || t.isKeyword("IN");
    }

    private Ast.Operand operand() {
        Token t = peek();
        if (t.is("(")) {
            descend();
            int open = next().index();
            Ast.Operand inner = operand();
            int close = expect(")").index();
            noteParentheses(open, close);
            ascend();
            return inner;
        }
        return simpleOperand(this::operand);
    }

    /** A path, a :value, or a function call whose arguments the given rule parses. */
    private Ast.Operand simpleOperand(java.util.function.Supplier<Ast.Operand> argument) {
        Token t = peek();
        if (t.kind() == Token.Kind.VALUE_REF) {
            next();
            return new Ast.ValueRef(t.text());
        }
        if (t.kind() == Token.Kind.NAME && peekAfter().is("(") && !isKeyword(t)) {
            next();
            next();
            countOperator();
            List<Ast.Operand> args = new ArrayList<>();
            args.add(argument.get());
            while (peek().is(",")) {
                next();
                args.add(argument.get());
            }
            expect(")");
            return new Ast.Call(t.text(), args);
        }
        return path();
    }

    // ---- updates ----

    private Ast.UpdateTree update() {
        List<Ast.Action> actions = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String repeated = null;
        do {
            Token keyword = peek();
            if (keyword.kind() != Token.Kind.NAME || !CLAUSES.contains(keyword.text().toUpperCase())) {
                throw syntaxError();
            }
            next();
            String clause = keyword.text().toUpperCase();
            if (!seen.add(clause) && repeated == null) {
                repeated = clause;
            }
            do {
                actions.add(action(clause));
            } while (peek().is(",") && next() != null);
        } while (peek().kind() != Token.Kind.EOF);
        return new Ast.UpdateTree(actions, repeated);
    }

    private Ast.Action action(String clause) {
        Ast.Path path = path();
        switch (clause) {
            case "SET" -> {
                expect("=");
                return new Ast.SetAction(path, setValue());
            }
            case "REMOVE" -> {
                return new Ast.RemoveAction(path);
            }
            default -> {
                if (peek().kind() != Token.Kind.VALUE_REF) {
                    throw syntaxError();
                }
                Ast.ValueRef value = new Ast.ValueRef(next().text());
                return clause.equals("ADD") ? new Ast.AddAction(path, value) : new Ast.DeleteAction(path, value);
            }
        }
    }

    private Ast.Operand setValue() {
        Ast.Operand left = term();
        Token t = peek();
        if (t.is("+") || t.is("-")) {
            if (left instanceof Ast.Arithmetic) {
                throw syntaxError();
            }
            next();
            countOperator();
            Ast.Operand right = term();
            if (right instanceof Ast.Arithmetic) {
                throw syntaxError();
            }
            return new Ast.Arithmetic(t.text().charAt(0), left, right);
        }
        return left;
    }

    private Ast.Operand term() {
        if (peek().is("(")) {
            descend();
            int open = next().index();
            Ast.Operand inner = setValue();
            int close = expect(")").index();
            noteParentheses(open, close);
            ascend();
            return inner;
        }
        return simpleOperand(this::term);
    }

    // ---- paths ----

    private Ast.Path path() {
        List<Ast.Element> elements = new ArrayList<>();
        elements.add(name());
        while (true) {
            Token t = peek();
            if (t.is(".")) {
                next();
                elements.add(name());
            } else if (t.is("[")) {
                next();
                Token digits = peek();
                if (digits.kind() != Token.Kind.NUMBER || digits.text().length() > 9) {
                    throw syntaxError();
                }
                next();
                expect("]");
                elements.add(new Ast.Index(Integer.parseInt(digits.text())));
            } else {
                if (elements.size() > ExpressionLimits.MAX_PATH_LEVELS) {
                    throw ExpressionLimits.pathTooDeep(elements.size());
                }
                return new Ast.Path(elements);
            }
        }
    }

    private Ast.Name name() {
        Token t = peek();
        if (t.kind() == Token.Kind.NAME_REF) {
            next();
            return new Ast.Name(t.text(), true);
        }
        if (t.kind() == Token.Kind.NAME && !isKeyword(t)) {
            next();
            return new Ast.Name(t.text(), false);
        }
        throw syntaxError();
    }

    private boolean isKeyword(Token t) {
        Set<String> keywords = updateGrammar ? CLAUSES : CONDITION_KEYWORDS;
        return keywords.contains(t.text().toUpperCase());
    }

    // ---- limits ----

    private void countOperator() {
        if (++operators > ExpressionLimits.MAX_OPERATORS) {
            throw ExpressionLimits.tooManyOperators();
        }
    }

    private void descend() {
        if (++depth > ExpressionLimits.MAX_NESTING) {
            throw ExpressionLimits.tooDeep(tokens);
        }
    }

    private void ascend() {
        depth--;
    }

    // ---- tokens ----

    private Token peek() {
        return tokens.get(pos);
    }

    private Token peekAfter() {
        return tokens.get(skipWhitespace(Math.min(pos + 1, tokens.size() - 1)));
    }

    private Token next() {
        Token t = tokens.get(pos);
        if (t.kind() != Token.Kind.EOF) {
            pos = skipWhitespace(pos + 1);
        }
        return t;
    }

    private Token expect(String punct) {
        if (!peek().is(punct)) {
            throw syntaxError();
        }
        return next();
    }

    private int skipWhitespace(int i) {
        while (tokens.get(i).kind() == Token.Kind.WHITESPACE) {
            i++;
        }
        return i;
    }

    private void noteParentheses(int open, int close) {
        int innerOpen = skipWhitespace(open + 1);
        int innerClose = close - 1;
        while (innerClose > innerOpen && tokens.get(innerClose).kind() == Token.Kind.WHITESPACE) {
            innerClose--;
        }
        if (parenthesisPairs.contains(((long) innerOpen << 32) | innerClose)) {
            redundantParentheses = true;
        }
        parenthesisPairs.add(((long) open << 32) | close);
    }

    /**
     * DynamoDB's syntax error: the offending token ({@code <EOF>} at the end) and, as "near", the text
     * from the token before it through the token after it (through the end of the text at the end).
     */
    private ExpressionSyntaxException syntaxError() {
        Token t = peek();
        int from = pos - 1;
        while (from > 0 && tokens.get(from).kind() == Token.Kind.WHITESPACE) {
            from--;
        }
        int to = pos;
        if (t.kind() != Token.Kind.EOF) {
            to = pos + 1;
            while (to < tokens.size() && tokens.get(to).kind() == Token.Kind.WHITESPACE) {
                to++;
            }
            if (to >= tokens.size() || tokens.get(to).kind() == Token.Kind.EOF) {
                to = pos;
            }
        }
        StringBuilder near = new StringBuilder();
        for (int i = Math.max(0, from); i <= to; i++) {
            near.append(tokens.get(i).text());
        }
        String token = t.kind() == Token.Kind.EOF ? "<EOF>" : t.text();
        return new ExpressionSyntaxException(pos,
                "Syntax error; token: \"" + token + "\", near: \"" + near + "\"");
    }

    private void remember(ExpressionSyntaxException e) {
        if (furthest == null || e.position() > furthest.position()) {
            furthest = e;
        }
    }

    private ExpressionSyntaxException furthestOf(ExpressionSyntaxException e) {
        return furthest != null && furthest.position() > e.position() ? furthest : e;
    }
}
