package io.dynamis.core.partiql;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.error.ApiError;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Parses one statement of DynamoDB's PartiQL dialect (a hand-written recursive-descent parser for the
 * subset DynamoDB accepts; see {@code docs/compatibility.md} for why not the PartiQL reference parser).
 *
 * <p>A statement that does not parse is DynamoDB's ValidationException
 * {@code Statement wasn't well formed, can't be processed: <detail>}; one that starts with no statement
 * keyword gets DynamoDB's detail {@code Expected data manipulation}.
 */
public final class StatementParser {

    /** DynamoDB's prefix of every syntax error. */
    public static final String MALFORMED = "Statement wasn't well formed, can't be processed: ";

    /** How deeply parentheses, negations, maps, lists and sets may nest (deeper: a syntax error, never a stack overflow). */
    static final int MAX_DEPTH = 64;

    private static final Set<String> COMPARISONS = Set.of("=", "<>", "!=", "<", "<=", ">", ">=");

    private enum Kind { WORD, QUOTED, STRING, NUMBER, SYMBOL, END }

    private record Token(Kind kind, String text, int column) {
        boolean is(String word) {
            return (kind == Kind.WORD && text.equalsIgnoreCase(word)) || (kind == Kind.SYMBOL && text.equals(word));
        }
    }

    private final List<Token> tokens;
    private int position;
    private int parameters;
    private int depth;

    private StatementParser(String text) {
        this.tokens = tokenize(text);
    }

    /** A parsed statement and the number of its {@code ?} parameters. */
    public record Parsed(Statement statement, int parameterCount) {
    }

    /** Parses the statement; a syntax error is a ValidationException. */
    public static Parsed parse(String text) {
        StatementParser parser = new StatementParser(text);
        Statement statement = parser.statement();
        return new Parsed(statement, parser.parameters);
    }

    // ---- statements ----

    private Statement statement() {
        Token first = peek();
        Statement statement;
        if (first.is("SELECT")) {
            statement = select();
        } else if (first.is("INSERT")) {
            statement = insert();
        } else if (first.is("UPDATE")) {
            statement = update();
        } else if (first.is("DELETE")) {
            statement = delete();
        } else if (first.is("EXISTS")) {
            next();
            expect("(");
            if (!peek().is("SELECT")) {
                throw malformed("Expected SELECT in EXISTS");
            }
            Statement.Select select = select();
            expect(")");
            statement = new Statement.Exists(select);
        } else {
            throw malformed("Expected data manipulation");
        }
        if (peek().is(";")) {
            next();
        }
        if (peek().kind() != Kind.END) {
            throw unexpected(peek());
        }
        return statement;
    }

    private Statement.Select select() {
        expectWord("SELECT");
        List<Expr.Path> projection = null;
        if (peek().is("*")) {
            next();
        } else {
            projection = new ArrayList<>();
            do {
                Token at = peek();
                if (at.kind() == Kind.WORD && peekAt(1).is("(")) {
                    throw ApiError.validation("Unexpected path component at 1:" + at.column() + ":" + at.text().length());
                }
                projection.add(path());
            } while (accept(","));
        }
        expectWord("FROM");
        String table = name();
        String index = null;
        if (accept(".")) {
            index = name();
        }
        Expr where = null;
        if (acceptWord("WHERE")) {
            where = expression();
        }
        boolean descending = false;
        if (acceptWord("ORDER")) {
            expectWord("BY");
            do {
                path();
                if (acceptWord("DESC")) {
                    descending = true;
                } else {
                    acceptWord("ASC");
                }
            } while (accept(","));
        }
        return new Statement.Select(table, index, projection, where, descending);
    }

    private Statement.Insert insert() {
        expectWord("INSERT");
        expectWord("INTO");
        String table = name();
        expectWord("VALUE");
        Expr item = primary();
        return new Statement.Insert(table, item);
    }

    private Statement.Update update() {
        expectWord("UPDATE");
        String table = name();
        List<Statement.Action> actions = new ArrayList<>();
        while (true) {
            if (acceptWord("SET")) {
                do {
                    Expr.Path path = path();
                    expect("=");
                    actions.add(new Statement.Set(path, additive()));
                } while (accept(","));
            } else if (acceptWord("REMOVE")) {
                do {
                    actions.add(new Statement.Remove(path()));
                } while (accept(","));
            } else {
                break;
            }
        }
        if (actions.isEmpty()) {
            throw malformed("Expected SET or REMOVE");
        }
        Expr where = acceptWord("WHERE") ? expression() : null;
        return new Statement.Update(table, actions, where, returning());
    }

    private Statement.Delete delete() {
        expectWord("DELETE");
        expectWord("FROM");
        String table = name();
        Expr where = acceptWord("WHERE") ? expression() : null;
        return new Statement.Delete(table, where, returning());
    }

    private Statement.Returning returning() {
        if (!acceptWord("RETURNING")) {
            return null;
        }
        boolean all = acceptWord("ALL");
        if (!all) {
            expectWord("MODIFIED");
        }
        boolean old = acceptWord("OLD");
        if (!old) {
            expectWord("NEW");
        }
        expect("*");
        return all ? (old ? Statement.Returning.ALL_OLD : Statement.Returning.ALL_NEW)
                : (old ? Statement.Returning.MODIFIED_OLD : Statement.Returning.MODIFIED_NEW);
    }

    // ---- expressions ----

    private Expr expression() {
        Expr left = conjunction();
        while (acceptWord("OR")) {
            left = new Expr.Binary("OR", left, conjunction());
        }
        return left;
    }

    private Expr conjunction() {
        Expr left = negation();
        while (acceptWord("AND")) {
            left = new Expr.Binary("AND", left, negation());
        }
        return left;
    }

    private Expr negation() {
        if (acceptWord("NOT")) {
            nest();
            Expr negated = new Expr.Not(negation());
            depth--;
            return negated;
        }
        return predicate();
    }

    /** One level deeper into the statement; too deep is a syntax error. */
    private void nest() {
        if (++depth > MAX_DEPTH) {
            throw malformed("Statement nests deeper than " + MAX_DEPTH + " levels");
        }
    }

    private Expr predicate() {
        Expr left = additive();
        Token token = peek();
        if (token.kind() == Kind.SYMBOL && COMPARISONS.contains(token.text())) {
            next();
            String operator = token.text().equals("!=") ? "<>" : token.text();
            return new Expr.Binary(operator, left, additive());
        }
        boolean negated = false;
        if (token.is("NOT") && (peekAt(1).is("BETWEEN") || peekAt(1).is("IN"))) {
            next();
            negated = true;
        }
        Expr result = null;
        if (acceptWord("BETWEEN")) {
            Expr low = additive();
            expectWord("AND");
            result = new Expr.Between(left, low, additive());
        } else if (acceptWord("IN")) {
            String close = accept("(") ? ")" : null;
            if (close == null) {
                expect("[");
                close = "]";
            }
            List<Expr> values = new ArrayList<>();
            do {
                values.add(additive());
            } while (accept(","));
            expect(close);
            result = new Expr.In(left, values);
        } else if (acceptWord("IS")) {
            boolean not = acceptWord("NOT");
            if (acceptWord("MISSING")) {
                return new Expr.Is(left, true, not);
            }
            expectWord("NULL");
            return new Expr.Is(left, false, not);
        }
        if (result == null) {
            return left;
        }
        return negated ? new Expr.Not(result) : result;
    }

    private Expr additive() {
        Expr left = primary();
        while (peek().is("+") || peek().is("-")) {
            String operator = next().text();
            left = new Expr.Binary(operator, left, primary());
        }
        return left;
    }

    private Expr primary() {
        nest();
        try {
            return primaryAtDepth();
        } finally {
            depth--;
        }
    }

    private Expr primaryAtDepth() {
        Token token = peek();
        switch (token.kind()) {
            case STRING -> {
                next();
                return literal("S", token.text());
            }
            case NUMBER -> {
                next();
                return number(token.text());
            }
            case SYMBOL -> {
                switch (token.text()) {
                    case "?" -> {
                        next();
                        return new Expr.Parameter(parameters++);
                    }
                    case "-" -> {
                        next();
                        Token number = next();
                        if (number.kind() != Kind.NUMBER) {
                            throw unexpected(number);
                        }
                        return number("-" + number.text());
                    }
                    case "(" -> {
                        next();
                        Expr inner = expression();
                        expect(")");
                        return inner;
                    }
                    case "{" -> {
                        return tuple();
                    }
                    case "[" -> {
                        next();
                        return new Expr.ListValue(values("]"));
                    }
                    case "<<" -> {
                        next();
                        return new Expr.Bag(values(">>"));
                    }
                    default -> throw unexpected(token);
                }
            }
            case WORD -> {
                if (peekAt(1).is("(")) {
                    return call();
                }
                String word = token.text().toUpperCase(Locale.ROOT);
                switch (word) {
                    case "TRUE", "FALSE" -> {
                        next();
                        ObjectNode value = JsonNodeFactory.instance.objectNode();
                        value.put("BOOL", word.equals("TRUE"));
                        return new Expr.Literal(value);
                    }
                    case "NULL" -> {
                        next();
                        ObjectNode value = JsonNodeFactory.instance.objectNode();
                        value.put("NULL", true);
                        return new Expr.Literal(value);
                    }
                    default -> {
                        return path();
                    }
                }
            }
            case QUOTED -> {
                return path();
            }
            default -> throw unexpected(token);
        }
    }

    private Expr tuple() {
        expect("{");
        List<String> names = new ArrayList<>();
        List<Expr> values = new ArrayList<>();
        if (!accept("}")) {
            do {
                Token name = next();
                if (name.kind() != Kind.STRING && name.kind() != Kind.QUOTED) {
                    throw unexpected(name);
                }
                names.add(name.text());
                expect(":");
                values.add(additive());
            } while (accept(","));
            expect("}");
        }
        return new Expr.Tuple(names, values);
    }

    private List<Expr> values(String close) {
        List<Expr> values = new ArrayList<>();
        if (accept(close)) {
            return values;
        }
        do {
            values.add(additive());
        } while (accept(","));
        expect(close);
        return values;
    }

    private Expr call() {
        String function = next().text().toLowerCase(Locale.ROOT);
        expect("(");
        List<Expr> arguments = new ArrayList<>();
        if (!accept(")")) {
            do {
                arguments.add(additive());
            } while (accept(","));
            expect(")");
        }
        return new Expr.Call(function, arguments);
    }

    private Expr.Path path() {
        List<Object> elements = new ArrayList<>();
        elements.add(name());
        while (true) {
            if (peek().is(".") && (peekAt(1).kind() == Kind.WORD || peekAt(1).kind() == Kind.QUOTED)) {
                next();
                elements.add(name());
            } else if (peek().is("[")) {
                next();
                Token index = next();
                if (index.kind() == Kind.NUMBER && index.text().matches("\\d{1,9}")) {
                    elements.add(Integer.parseInt(index.text()));
                } else if (index.kind() == Kind.STRING) {
                    elements.add(index.text());
                } else {
                    throw unexpected(index);
                }
                expect("]");
            } else {
                return new Expr.Path(List.copyOf(elements));
            }
        }
    }

    /** A name: a bare word or a double-quoted identifier. */
    private String name() {
        Token token = next();
        if (token.kind() == Kind.WORD || token.kind() == Kind.QUOTED) {
            return token.text();
        }
        throw unexpected(token);
    }

    private static Expr.Literal literal(String type, String text) {
        ObjectNode value = JsonNodeFactory.instance.objectNode();
        value.put(type, text);
        return new Expr.Literal(value);
    }

    private static Expr.Literal number(String text) {
        try {
            new java.math.BigDecimal(text);
        } catch (NumberFormatException e) {
            throw malformed("Invalid number " + text);
        }
        return literal("N", text);
    }

    // ---- tokens ----

    private Token peek() {
        return tokens.get(position);
    }

    private Token peekAt(int ahead) {
        return tokens.get(Math.min(position + ahead, tokens.size() - 1));
    }

    private Token next() {
        Token token = tokens.get(position);
        if (token.kind() != Kind.END) {
            position++;
        }
        return token;
    }

    private boolean accept(String symbol) {
        if (peek().kind() == Kind.SYMBOL && peek().text().equals(symbol)) {
            position++;
            return true;
        }
        return false;
    }

    private boolean acceptWord(String word) {
        if (peek().kind() == Kind.WORD && peek().text().equalsIgnoreCase(word)) {
            position++;
            return true;
        }
        return false;
    }

    private void expect(String symbol) {
        if (!accept(symbol)) {
            throw unexpected(peek());
        }
    }

    private void expectWord(String word) {
        if (!acceptWord(word)) {
            throw unexpected(peek());
        }
    }

    private static ApiError malformed(String detail) {
        return ApiError.validation(MALFORMED + detail);
    }

    private static ApiError unexpected(Token token) {
        if (token.kind() == Kind.END) {
            return malformed("Unexpected end of statement");
        }
        String kind = token.kind() == Kind.WORD ? "keyword or identifier" : "token";
        return malformed("Unexpected " + kind + " '" + token.text() + "' at 1:" + token.column());
    }

    private static List<Token> tokenize(String text) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            int column = i + 1;
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '-' && i + 1 < n && text.charAt(i + 1) == '-') {
                while (i < n && text.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '\'' || c == '"') {
                StringBuilder value = new StringBuilder();
                i++;
                while (true) {
                    if (i >= n) {
                        throw malformed("Unterminated " + (c == '\'' ? "string" : "quoted identifier") + " at 1:" + column);
                    }
                    char d = text.charAt(i);
                    if (d == c) {
                        if (i + 1 < n && text.charAt(i + 1) == c) {
                            value.append(c);
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    value.append(d);
                    i++;
                }
                tokens.add(new Token(c == '\'' ? Kind.STRING : Kind.QUOTED, value.toString(), column));
            } else if (Character.isDigit(c) || (c == '.' && i + 1 < n && Character.isDigit(text.charAt(i + 1))
                    && (tokens.isEmpty() || !tokens.get(tokens.size() - 1).is("]")))) {
                int start = i;
                while (i < n && (Character.isDigit(text.charAt(i)) || text.charAt(i) == '.')) {
                    i++;
                }
                if (i < n && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
                    int mark = i;
                    i++;
                    if (i < n && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
                        i++;
                    }
                    if (i < n && Character.isDigit(text.charAt(i))) {
                        while (i < n && Character.isDigit(text.charAt(i))) {
                            i++;
                        }
                    } else {
                        i = mark;
                    }
                }
                tokens.add(new Token(Kind.NUMBER, text.substring(start, i), column));
            } else if (Character.isLetter(c) || c == '_' || c == '$') {
                int start = i;
                while (i < n && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_'
                        || text.charAt(i) == '$')) {
                    i++;
                }
                tokens.add(new Token(Kind.WORD, text.substring(start, i), column));
            } else {
                String two = i + 1 < n ? text.substring(i, i + 2) : "";
                if (two.equals("<>") || two.equals("!=") || two.equals("<=") || two.equals(">=")
                        || two.equals("<<") || two.equals(">>")) {
                    tokens.add(new Token(Kind.SYMBOL, two, column));
                    i += 2;
                } else if ("()[]{},.:*?=<>+-;".indexOf(c) >= 0) {
                    tokens.add(new Token(Kind.SYMBOL, String.valueOf(c), column));
                    i++;
                } else {
                    throw malformed("Unexpected character '" + c + "' at 1:" + column);
                }
            }
        }
        tokens.add(new Token(Kind.END, "", text.length() + 1));
        return tokens;
    }
}
