package io.dynamis.core.expression;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * DynamoDB's limits on one expression, from "Expression parameters" in the developer guide's
 * constraints: at most 4 KB of text (UTF-8 bytes, as sent, placeholders not substituted) and at most
 * 300 operators and functions. The size is checked before the text is parsed; operators are counted
 * while parsing, so that a huge expression is refused as soon as it passes the limit.
 *
 * <p>The grammar is recursive, so parentheses nested thousands deep would recurse thousands deep. The
 * parser also stops at {@link #MAX_NESTING}: no expression within the operator limit nests that deep
 * without doubled parentheses (each nesting level of a valid expression adds an operator, a function
 * or a parenthesized operand), so the refusal is the error DynamoDB gives for those: too many operators
 * when the text has more than 300 of them, redundant parentheses otherwise.
 */
final class ExpressionLimits {

    static final int MAX_BYTES = 4096;
    static final int MAX_OPERATORS = 300;
    static final int MAX_NESTING = 2 * MAX_OPERATORS + 8;
    /** A document path names at most 32 levels (an item's documents nest 32 levels deep at most). */
    static final int MAX_PATH_LEVELS = 32;

    private ExpressionLimits() {
    }

    /** The problem (without the "Invalid XExpression: " prefix) of a text over 4 KB; null when within. */
    static String sizeProblem(String text) {
        int bytes = utf8Length(text);
        return bytes > MAX_BYTES
                ? "Expression size has exceeded the maximum allowed size; expression size: " + bytes
                : null;
    }

    static ExpressionLimitException tooManyOperators() {
        return new ExpressionLimitException(
                "The expression contains too many operators; operator count: " + (MAX_OPERATORS + 1));
    }

    /**
     * A document path of more than {@link #MAX_PATH_LEVELS} elements (names and list indexes). The wording is
     * DynamoDB Local's; DynamoDB documents the 32 levels but not its message.
     */
    static ExpressionLimitException pathTooDeep(int levels) {
        return new ExpressionLimitException("The document path has too many nesting levels; nesting levels: " + levels);
    }

    /** The refusal of an expression nested deeper than {@link #MAX_NESTING}. */
    static ExpressionLimitException tooDeep(List<Token> tokens) {
        int operators = 0;
        for (int i = 0; i < tokens.size(); i++) {
            if (isOperator(tokens, i) && ++operators > MAX_OPERATORS) {
                return tooManyOperators();
            }
        }
        return new ExpressionLimitException("The expression has redundant parentheses;");
    }

    private static boolean isOperator(List<Token> tokens, int i) {
        Token t = tokens.get(i);
        if (t.kind() == Token.Kind.PUNCT) {
            return switch (t.text()) {
                case "=", "<>", "<", "<=", ">", ">=", "+", "-" -> true;
                default -> false;
            };
        }
        if (t.kind() != Token.Kind.NAME) {
            return false;
        }
        String word = t.text().toUpperCase();
        if (word.equals("AND") || word.equals("OR") || word.equals("NOT") || word.equals("BETWEEN") || word.equals("IN")) {
            return true;
        }
        int next = i + 1;
        while (next < tokens.size() && tokens.get(next).kind() == Token.Kind.WHITESPACE) {
            next++;
        }
        return next < tokens.size() && tokens.get(next).is("(");
    }

    private static int utf8Length(String text) {
        return text.length() * 3 <= MAX_BYTES ? text.length() : text.getBytes(StandardCharsets.UTF_8).length;
    }
}
