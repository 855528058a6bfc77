/**
 * DynamoDB's expression language, once for every service: ConditionExpression, FilterExpression,
 * KeyConditionExpression, UpdateExpression and ProjectionExpression, and the legacy parameters they
 * replaced (Expected, QueryFilter, ScanFilter, KeyConditions, AttributeUpdates, AttributesToGet).
 *
 * <p>How an expression travels: {@link io.dynamis.core.expression.ItemExpressions} reads the members
 * of a request and checks them as a whole (legacy and expression parameters mixed, names or values
 * with no expression to use them). The text of each expression goes through the
 * {@code ExpressionCache}: on a miss the {@code Lexer} and the hand-written recursive-descent
 * {@code Parser} build an immutable syntax tree ({@code Ast}) whose {@code #name} and {@code :value}
 * placeholders are still unresolved, so that the tree serves every later request with the same text.
 * The {@code Resolver} then substitutes the request's ExpressionAttributeNames and
 * ExpressionAttributeValues and checks what the grammar cannot (function names and places, reserved
 * words, undefined placeholders, operand counts, literal operand types, overlapping paths), reporting,
 * as DynamoDB does, one problem chosen by kind rather than position. What comes out is evaluable:
 * {@code ConditionNode}s ({@link io.dynamis.core.expression.Condition}), an {@code UpdateProgram}
 * ({@link io.dynamis.core.expression.Update}), a {@code PathProjection}
 * ({@link io.dynamis.core.expression.Projection}) or a {@link io.dynamis.core.expression.KeyCondition}.
 * Legacy parameters are converted by {@code LegacyParameters} into the same forms, so evaluation has
 * one owner. Last, names and values that no expression of the request used are rejected.
 *
 * <p>Every error is a ValidationException with DynamoDB's message, prefixed by the parameter it is
 * about ("Invalid UpdateExpression: ..."). Errors only the item can reveal (an operand of the wrong
 * type, a nested path whose parent is missing) are thrown by {@link io.dynamis.core.expression.Update#apply}.
 */
package io.dynamis.core.expression;
