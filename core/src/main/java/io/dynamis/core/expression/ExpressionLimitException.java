package io.dynamis.core.expression;

/**
 * An expression over one of DynamoDB's limits ({@link ExpressionLimits}), found while parsing; the
 * message lacks the "Invalid XExpression: " prefix. Unlike a syntax error it ends the parse at once:
 * backtracking cannot make an expression smaller.
 */
final class ExpressionLimitException extends RuntimeException {

    ExpressionLimitException(String message) {
        super(message, null, false, false);
    }
}
