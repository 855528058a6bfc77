package io.dynamis.core.expression;

/** A syntax error found by the {@link Parser}; the message lacks the "Invalid XExpression: " prefix. */
final class ExpressionSyntaxException extends RuntimeException {

    private final int position;

    ExpressionSyntaxException(int position, String message) {
        super(message, null, false, false);
        this.position = position;
    }

    /** The index of the offending token, to prefer the error that got furthest after backtracking. */
    int position() {
        return position;
    }
}
