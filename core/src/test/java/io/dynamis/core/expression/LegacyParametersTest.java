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
        assertEquals("Cannot have two attributes with the same name",
                error(() -> ItemExpressions.projection(request("{'AttributesToGet': ['x', 'x']}"))));
    }

    @Test
    void scanFilterWithConditionalOperator() {
        ItemExpressions.ScanExpressions scan = ItemExpressions.scan(request("{'ScanFilter': {'n': {'ComparisonOperator': 'IN',"
                + " 'AttributeValueList': [{'N': '4'}, {'N': '5'}]}}}"));
        assertTrue(scan.filter().test(ITEM));
    }
}
