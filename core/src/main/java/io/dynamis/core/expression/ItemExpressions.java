package io.dynamis.core.expression;

import io.dynamis.core.protocol.RequestReader;

/**
 * Reads the expressions of one request (or one element of a batch or transaction) with their
 * ExpressionAttributeNames and ExpressionAttributeValues, or their legacy equivalents, and answers
 * DynamoDB's ValidationExceptions for anything wrong: syntax, reserved words, undefined or unused
 * names and values, legacy and expression parameters mixed.
 */
public final class ItemExpressions {

    private ItemExpressions() {
    }

    /** An UpdateItem's update (null when it has neither UpdateExpression nor AttributeUpdates) and condition (null when none). */
    public record UpdateAndCondition(Update update, Condition condition) {
    }

    /**
     * The condition of a PutItem, DeleteItem or transaction action: ConditionExpression, or the legacy
     * Expected with ConditionalOperator; null when there is none.
     */
    public static Condition condition(RequestReader request) {
        throw new UnsupportedOperationException("being written");
    }

    /** UpdateItem (and a transaction's Update): UpdateExpression or AttributeUpdates, with the condition. */
    public static UpdateAndCondition update(RequestReader request) {
        throw new UnsupportedOperationException("being written");
    }

    /**
     * The projection of a GetItem, a BatchGetItem table entry or a TransactGetItems Get:
     * ProjectionExpression, or the legacy AttributesToGet; null for the whole item.
     */
    public static Projection projection(RequestReader request) {
        throw new UnsupportedOperationException("being written");
    }
}
