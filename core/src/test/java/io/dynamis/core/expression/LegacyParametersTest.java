package io.dynamis.core.expression;

import static io.dynamis.core.expression.Requests.error;
import static io.dynamis.core.expression.Requests.item;
import static io.dynamis.core.expression.Requests.json;
import static io.dynamis.core.expression.Requests.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dynamis.core.model.AttributeValue;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LegacyParametersTest {

    private static final Map<String, AttributeValue> ITEM = item("{'a': {'S': 'abc'}, 'n': {'N': '5'}}");

    private static boolean expected(String expected) {
        return ItemExpressions.condition(request("{'Expected': " + expected + "}")).test(ITEM);
    }

    @Test
    void expectedValueAndExists() {
        assertTrue(expected("{'a': {'Value': {'S': 'abc'}}}"));
        assertTrue(expected("{'a': {'Value': {'S': 'abc'}, 'Exists': true}, 'x': {'Exists': false}}"));
        assertFalse(expected("{'a': {'Exists': false}}"));
    }

    @Test
    void expectedComparisonOperatorsWithConditionalOperator() {
        assertTrue(expected("{'n': {'ComparisonOperator': 'BETWEEN', 'AttributeValueList': [{'N': '1'}, {'N': '5'}]}}"));
        assertTrue(expected("{'a': {'ComparisonOperator': 'BEGINS_WITH', 'AttributeValueList': [{'S': 'ab'}]}}"));
        assertTrue(expected("{'x': {'ComparisonOperator': 'NULL'}, 'n': {'ComparisonOperator': 'NOT_NULL'}}"));
        assertFalse(expected("{'n': {'ComparisonOperator': 'GT', 'AttributeValueList': [{'N': '5'}]}}"));
        assertTrue(ItemExpressions.condition(request("{'ConditionalOperator': 'OR', 'Expected': {'n': {'ComparisonOperator':"
                + " 'GT', 'AttributeValueList': [{'N': '5'}]}, 'a': {'ComparisonOperator': 'CONTAINS', 'AttributeValueList':"
                + " [{'S': 'b'}]}}}")).test(ITEM));
    }

    @Test
    void expectedArgumentErrors() {
        assertEquals("One or more parameter values were invalid: Invalid number of argument(s) for the EQ ComparisonOperator",
                error(() -> expected("{'a': {'ComparisonOperator': 'EQ', 'AttributeValueList': []}}")));
        assertEquals("One or more parameter values were invalid: Value must be provided when Exists is null for Attribute: a",
                error(() -> expected("{'a': {}}")));
        assertEquals("One or more parameter values were invalid: Value cannot be used when Exists is false for Attribute: a",
                error(() -> expected("{'a': {'Exists': false, 'Value': {'S': 'x'}}}")));
        assertEquals("One or more parameter values were invalid: ComparisonOperator LT is not valid for SS AttributeValue type",
                error(() -> expected("{'a': {'ComparisonOperator': 'LT', 'AttributeValueList': [{'SS': ['x']}]}}")));
    }

    @Test
    void attributeUpdatesPutAddDelete() {
        Update update = ItemExpressions.update(request("{'AttributeUpdates': {'a': {'Action': 'PUT', 'Value': {'S': 'x'}},"
                + " 'n': {'Action': 'ADD', 'Value': {'N': '2'}}, 'gone': {'Action': 'DELETE'}}}")).update();
        assertEquals("{'n':{'N':'7'},'a':{'S':'x'}}",
                json(update.apply(item("{'n': {'N': '5'}, 'gone': {'S': 'y'}}"))));
        assertEquals(List.of(DocumentPath.of("a"), DocumentPath.of("n"), DocumentPath.of("gone")), update.paths());
    }

    @Test
    void attributeUpdatesWithoutValueOnlyDelete() {
        assertEquals("One or more parameter values were invalid: Only DELETE action is allowed when no attribute value is specified",
                error(() -> ItemExpressions.update(request("{'AttributeUpdates': {'a': {'Action': 'PUT'}}}"))));
    }

    @Test
    void attributesToGetProjectsTopLevelNames() {
        Projection p = ItemExpressions.projection(request("{'AttributesToGet': ['n', 'x']}"));
        assertEquals("{'n':{'N':'5'}}", json(p.apply(ITEM)));
        assertEquals("One or more parameter values were invalid: Duplicate value in attribute name: x",
                error(() -> ItemExpressions.projection(request("{'AttributesToGet': ['x', 'x']}"))));
    }

    @Test
    void scanFilterWithConditionalOperator() {
        ItemExpressions.ScanExpressions scan = ItemExpressions.scan(request("{'ScanFilter': {'n': {'ComparisonOperator': 'IN',"
                + " 'AttributeValueList': [{'N': '4'}, {'N': '5'}]}}}"));
        assertTrue(scan.filter().test(ITEM));
    }

    @Test
    void conditionalOperatorMustBeAndOrOr() {
        assertEquals("1 validation error detected: Value 'XOR' at 'conditionalOperator' failed to satisfy constraint:"
                + " Member must satisfy enum value set: [AND, OR]",
                error(() -> ItemExpressions.condition(request("{'ConditionalOperator': 'XOR', 'Expected': {"
                        + "'a': {'Exists': false}, 'b': {'Exists': false}}}"))));
        assertEquals("1 validation error detected: Value 'XOR' at 'conditionalOperator' failed to satisfy constraint:"
                + " Member must satisfy enum value set: [AND, OR]",
                error(() -> ItemExpressions.scan(request("{'ConditionalOperator': 'XOR', 'ScanFilter': {"
                        + "'a': {'ComparisonOperator': 'NULL'}, 'b': {'ComparisonOperator': 'NULL'}}}"))));
    }

    @Test
    void keyConditionsRefuseAnUnknownOrMissingComparisonOperator() {
        assertEquals("1 validation error detected: Value 'FROB' at 'keyConditions.a.member.comparisonOperator' failed to"
                + " satisfy constraint: Member must satisfy enum value set: [IN, NULL, BETWEEN, LT, NOT_CONTAINS, EQ, GT,"
                + " NOT_NULL, NE, LE, BEGINS_WITH, GE, CONTAINS]",
                error(() -> ItemExpressions.query(request("{'KeyConditions': {'a': {'ComparisonOperator': 'FROB',"
                        + " 'AttributeValueList': [{'S': 'x'}]}}}"))));
        assertEquals("1 validation error detected: Value null at 'keyConditions.a.member.comparisonOperator' failed to"
                + " satisfy constraint: Member must not be null",
                error(() -> ItemExpressions.query(request("{'KeyConditions': {'a': {'AttributeValueList': [{'S': 'x'}]}}}"))));
    }

    @Test
    void keyConditionsGoWithProjectionAndFilterExpressions() {
        ItemExpressions.QueryExpressions query = ItemExpressions.query(request("{'KeyConditions': {'a': {'ComparisonOperator':"
                + " 'EQ', 'AttributeValueList': [{'S': 'abc'}]}}, 'FilterExpression': '#n > :v', 'ProjectionExpression': '#n',"
                + " 'ExpressionAttributeNames': {'#n': 'n'}, 'ExpressionAttributeValues': {':v': {'N': '1'}}}"));
        assertTrue(query.filter().test(ITEM));
        assertEquals("{'n':{'N':'5'}}", json(query.projection().apply(ITEM)));
    }

    @Test
    void keyConditionsDoNotGoWithKeyConditionExpressionNorLegacyFiltersWithExpressions() {
        assertEquals("Can not use both expression and non-expression parameters in the same request: Non-expression"
                + " parameters: {KeyConditions} Expression parameters: {KeyConditionExpression}",
                error(() -> ItemExpressions.query(request("{'KeyConditions': {'a': {'ComparisonOperator': 'EQ',"
                        + " 'AttributeValueList': [{'S': 'abc'}]}}, 'KeyConditionExpression': 'a = :v',"
                        + " 'ExpressionAttributeValues': {':v': {'S': 'abc'}}}"))));
        assertEquals("Can not use both expression and non-expression parameters in the same request: Non-expression"
                + " parameters: {QueryFilter} Expression parameters: {ProjectionExpression}",
                error(() -> ItemExpressions.query(request("{'KeyConditions': {'a': {'ComparisonOperator': 'EQ',"
                        + " 'AttributeValueList': [{'S': 'abc'}]}}, 'QueryFilter': {'n': {'ComparisonOperator': 'NULL'}},"
                        + " 'ProjectionExpression': 'n'}"))));
    }

    @Test
    void eqAndNeAcceptEveryAttributeType() {
        Map<String, AttributeValue> item = item("{'l': {'L': [{'S': 'x'}]}, 'm': {'M': {'k': {'N': '1'}}}, 'b': {'BOOL': true},"
                + " 'z': {'NULL': true}, 's': {'SS': ['x', 'y']}}");
        assertTrue(ItemExpressions.scan(request("{'ScanFilter': {'l': {'ComparisonOperator': 'EQ', 'AttributeValueList':"
                + " [{'L': [{'S': 'x'}]}]}, 'm': {'ComparisonOperator': 'EQ', 'AttributeValueList': [{'M': {'k': {'N': '1'}}}]},"
                + " 'b': {'ComparisonOperator': 'EQ', 'AttributeValueList': [{'BOOL': true}]},"
                + " 'z': {'ComparisonOperator': 'EQ', 'AttributeValueList': [{'NULL': true}]},"
                + " 's': {'ComparisonOperator': 'EQ', 'AttributeValueList': [{'SS': ['y', 'x']}]}}}")).filter().test(item));
        assertFalse(ItemExpressions.scan(request("{'ScanFilter': {'b': {'ComparisonOperator': 'NE', 'AttributeValueList':"
                + " [{'BOOL': true}]}}}")).filter().test(item));
        assertTrue(ItemExpressions.scan(request("{'ScanFilter': {'l': {'ComparisonOperator': 'NE', 'AttributeValueList':"
                + " [{'L': []}]}}}")).filter().test(item));
    }

    @Test
    void attributesToGetMayNotBeEmptyNorNameAnEmptyAttribute() {
        assertEquals("1 validation error detected: Value '[]' at 'attributesToGet' failed to satisfy constraint: Member must"
                + " have length greater than or equal to 1",
                error(() -> ItemExpressions.projection(request("{'AttributesToGet': []}"))));
        assertEquals("One or more parameter values were invalid: Empty attribute name",
                error(() -> ItemExpressions.projection(request("{'AttributesToGet': ['']}"))));
        assertEquals("One or more parameter values were invalid: Empty attribute name",
                error(() -> expected("{'': {'Exists': false}}")));
    }

    @Test
    void anExpressionAttributeNameMayNotStandForAnEmptyName() {
        assertEquals("ExpressionAttributeNames contains invalid value: Empty attribute name for key #a",
                error(() -> ItemExpressions.projection(request("{'ProjectionExpression': '#a',"
                        + " 'ExpressionAttributeNames': {'#a': ''}}"))));
    }
}
