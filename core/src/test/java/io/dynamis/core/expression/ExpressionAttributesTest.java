package io.dynamis.core.expression;

import static io.dynamis.core.expression.Requests.error;
import static io.dynamis.core.expression.Requests.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ExpressionAttributesTest {

    private static String conditionError(String json) {
        return error(() -> ItemExpressions.condition(request(json)));
    }

    @Test
    void reservedWordsNeedPlaceholders() {
        assertEquals("Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: Name",
                conditionError("{'ConditionExpression': 'attribute_exists(Name)'}"));
        assertTrue(ReservedWords.count() > 570);
    }

    @Test
    void undefinedPlaceholders() {
        assertEquals("Invalid ConditionExpression: An expression attribute name used in the document path is not defined;"
                + " attribute name: #n", conditionError("{'ConditionExpression': 'attribute_exists(#n)'}"));
        assertEquals("Invalid ConditionExpression: An expression attribute value used in expression is not defined;"
                + " attribute value: :v", conditionError("{'ConditionExpression': 'a = :v'}"));
    }

    @Test
    void unusedNamesAndValuesAcrossAllExpressionsOfTheRequest() {
        assertEquals("Value provided in ExpressionAttributeNames unused in expressions: keys: {#a, #b}",
                conditionError("{'ConditionExpression': 'attribute_exists(c)', 'ExpressionAttributeNames': {'#a': 'a', '#b': 'b'}}"));
        assertEquals("Value provided in ExpressionAttributeValues unused in expressions: keys: {:b}",
                conditionError("{'ConditionExpression': 'c = :a', 'ExpressionAttributeValues': {':a': {'S': 'x'}, ':b': {'S': 'y'}}}"));
        // a name used only by the condition counts for the update request as a whole
        ItemExpressions.update(request("{'UpdateExpression': 'SET a = :v', 'ConditionExpression': 'attribute_exists(#k)',"
                + " 'ExpressionAttributeNames': {'#k': 'k'}, 'ExpressionAttributeValues': {':v': {'N': '1'}}}"));
    }

    @Test
    void emptyMapsAreRejected() {
        assertEquals("ExpressionAttributeNames must not be empty",
                conditionError("{'ConditionExpression': 'attribute_exists(a)', 'ExpressionAttributeNames': {}}"));
        assertEquals("ExpressionAttributeValues must not be empty",
                conditionError("{'ConditionExpression': 'attribute_exists(a)', 'ExpressionAttributeValues': {}}"));
    }

    @Test
    void namesAndValuesNeedAnExpression() {
        assertEquals("ExpressionAttributeNames can only be specified when using expressions",
                conditionError("{'ExpressionAttributeNames': {'#a': 'a'}}"));
        assertEquals("ExpressionAttributeValues can only be specified when using expressions: ConditionExpression is null",
                conditionError("{'ExpressionAttributeValues': {':a': {'S': 'a'}}}"));
        assertEquals("ExpressionAttributeValues can only be specified when using expressions: UpdateExpression and"
                + " ConditionExpression are null",
                error(() -> ItemExpressions.update(request("{'ExpressionAttributeValues': {':a': {'S': 'a'}}}"))));
    }

    @Test
    void invalidKeysAndValues() {
        assertEquals("ExpressionAttributeNames contains invalid key: Syntax error; key: \"a\"",
                conditionError("{'ConditionExpression': 'attribute_exists(a)', 'ExpressionAttributeNames': {'a': 'a'}}"));
        assertEquals("ExpressionAttributeValues contains invalid value: One or more parameter values were invalid:"
                + " An number set  may not be empty for key :v",
                conditionError("{'ConditionExpression': 'a = :v', 'ExpressionAttributeValues': {':v': {'NS': []}}}"));
    }

    @Test
    void legacyAndExpressionParametersDoNotMix() {
        assertEquals("Can not use both expression and non-expression parameters in the same request: Non-expression"
                + " parameters: {Expected} Expression parameters: {ConditionExpression}",
                conditionError("{'ConditionExpression': 'attribute_exists(a)', 'Expected': {'a': {'Exists': false}}}"));
    }
}
