package io.dynamis.core.expression;

import io.dynamis.core.error.ApiError;

/** The five expression parameters of the API, each with the prefix DynamoDB puts before its errors. */
enum ExpressionKind {
    CONDITION("ConditionExpression"),
    FILTER("FilterExpression"),
    KEY_CONDITION("KeyConditionExpression"),
    UPDATE("UpdateExpression"),
    PROJECTION("ProjectionExpression");

    private final String member;

    ExpressionKind(String member) {
        this.member = member;
    }

    /** The request member that carries an expression of this kind. */
    String member() {
        return member;
    }

    /** True for the kinds written in the condition grammar. */
    boolean isCondition() {
        return this == CONDITION || this == FILTER || this == KEY_CONDITION;
    }

    /** The ValidationException for a problem in an expression of this kind: "Invalid UpdateExpression: ...". */
    ApiError error(String problem) {
        return ApiError.validation("Invalid " + member + ": " + problem);
    }
}
