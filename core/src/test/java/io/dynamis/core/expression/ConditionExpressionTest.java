package io.dynamis.core.expression;

import static io.dynamis.core.expression.Requests.item;
import static io.dynamis.core.expression.Requests.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dynamis.core.model.AttributeValue;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConditionExpressionTest {

    private static final Map<String, AttributeValue> ITEM = item("{'s': {'S': 'abc'}, 'n': {'N': '10'},"
            + " 'b': {'B': 'AQID'}, 'ss': {'SS': ['x', 'y']}, 'ns': {'NS': ['1', '2']}, 'l': {'L': [{'S': 'x'}, {'N': '2'}]},"
            + " 'm': {'M': {'k': {'S': 'v'}, 'nested': {'L': [{'N': '7'}]}}}, 'bool': {'BOOL': true}, 'nul': {'NULL': true}}");

    private static boolean holds(String expression, String values) {
        String json = "{'ConditionExpression': '" + expression + "'"
                + (values == null ? "" : ", 'ExpressionAttributeValues': " + values) + "}";
        return ItemExpressions.condition(request(json)).test(ITEM);
    }

    @Test
    void noConditionIsNull() {
        assertNull(ItemExpressions.condition(request("{'TableName': 't'}")));
    }

    @Test
    void equalityComparesValuesOfTheSameType() {
        assertTrue(holds("s = :v", "{':v': {'S': 'abc'}}"));
        assertFalse(holds("s = :v", "{':v': {'S': 'abd'}}"));
        assertFalse(holds("n = :v", "{':v': {'S': '10'}}"));
        assertTrue(holds("n = :v", "{':v': {'N': '10.0'}}"));
    }

    @Test
    void setsCompareAsSetsAndDocumentsDeeply() {
        assertTrue(holds("ss = :v", "{':v': {'SS': ['y', 'x']}}"));
        assertTrue(holds("ns = :v", "{':v': {'NS': ['2', '1.0']}}"));
        assertTrue(holds("m = :v", "{':v': {'M': {'nested': {'L': [{'N': '7'}]}, 'k': {'S': 'v'}}}}"));
        assertFalse(holds("l = :v", "{':v': {'L': [{'N': '2'}, {'S': 'x'}]}}"));
    }

    @Test
    void absentAttributeMakesComparisonsFalseAndNotEqualTrue() {
        assertFalse(holds("absent = :v", "{':v': {'S': 'abc'}}"));
        assertTrue(holds("absent <> :v", "{':v': {'S': 'abc'}}"));
        assertFalse(holds("absent < :v", "{':v': {'S': 'abc'}}"));
        assertTrue(holds("n <> :v", "{':v': {'S': '10'}}"));
    }

    @Test
    void orderingWorksOnNumbersStringsAndBinariesOnly() {
        assertTrue(holds("n > :v", "{':v': {'N': '9.5'}}"));
        assertTrue(holds("n <= :v", "{':v': {'N': '10'}}"));
        assertTrue(holds("s < :v", "{':v': {'S': 'abd'}}"));
        assertTrue(holds("b > :v", "{':v': {'B': 'AQI='}}"));
        assertFalse(holds("s < :v", "{':v': {'N': '1'}}"));
        // an attribute of another type compares as false (a literal of another type is refused: ConditionValidationTest)
        assertFalse(holds("ss >= :v", "{':v': {'S': 'x'}}"));
    }

    @Test
    void stringsCompareByCodePointNotUtf16() {
        // U+FB01 sorts before U+1F600 in UTF-8, though its UTF-16 unit is larger than a surrogate
        Map<String, AttributeValue> item = item("{'s': {'S': '\uFB01'}}");
        String json = "{'ConditionExpression': 's < :v', 'ExpressionAttributeValues': {':v': {'S': '\uD83D\uDE00'}}}";
        assertTrue(ItemExpressions.condition(request(json)).test(item));
    }

    @Test
    void betweenIsInclusive() {
        assertTrue(holds("n BETWEEN :a AND :b", "{':a': {'N': '10'}, ':b': {'N': '11'}}"));
        assertFalse(holds("n between :a and :b", "{':a': {'N': '11'}, ':b': {'N': '12'}}"));
    }

    @Test
    void inMatchesAnyOperand() {
        assertTrue(holds("s IN (:a, :b)", "{':a': {'S': 'x'}, ':b': {'S': 'abc'}}"));
        assertFalse(holds("absent IN (:a)", "{':a': {'S': 'x'}}"));
    }

    @Test
    void logicalOperatorsFollowPrecedence() {
        // NOT binds tighter than AND, AND tighter than OR
        assertTrue(holds("s = :x OR s = :y AND n = :z", "{':x': {'S': 'abc'}, ':y': {'S': 'q'}, ':z': {'N': '0'}}"));
        assertFalse(holds("(s = :x OR s = :y) AND n = :z", "{':x': {'S': 'abc'}, ':y': {'S': 'q'}, ':z': {'N': '0'}}"));
        assertTrue(holds("NOT s = :y AND n = :z", "{':y': {'S': 'q'}, ':z': {'N': '10'}}"));
        assertFalse(holds("not (s = :x or n = :z)", "{':x': {'S': 'abc'}, ':z': {'N': '10'}}"));
    }

    @Test
    void attributeExistenceFunctions() {
        assertTrue(holds("attribute_exists(m.k)", null));
        assertTrue(holds("attribute_exists(m.nested[0])", null));
        assertFalse(holds("attribute_exists(m.nested[1])", null));
        assertTrue(holds("attribute_not_exists(absent)", null));
        assertTrue(holds("attribute_exists(nul)", null));
    }

    @Test
    void attributeTypeChecksTheType() {
        assertTrue(holds("attribute_type(ss, :t)", "{':t': {'S': 'SS'}}"));
        assertFalse(holds("attribute_type(ss, :t)", "{':t': {'S': 'L'}}"));
        assertTrue(holds("attribute_type(bool, :t)", "{':t': {'S': 'BOOL'}}"));
    }

    @Test
    void beginsWithOnStringsAndBinaries() {
        assertTrue(holds("begins_with(s, :p)", "{':p': {'S': 'ab'}}"));
        assertFalse(holds("begins_with(s, :p)", "{':p': {'S': 'b'}}"));
        assertTrue(holds("begins_with(b, :p)", "{':p': {'B': 'AQ=='}}"));
    }

    @Test
    void containsOnStringsSetsAndLists() {
        assertTrue(holds("contains(s, :v)", "{':v': {'S': 'bc'}}"));
        assertTrue(holds("contains(ss, :v)", "{':v': {'S': 'y'}}"));
        assertTrue(holds("contains(ns, :v)", "{':v': {'N': '2.0'}}"));
        assertFalse(holds("contains(ns, :v)", "{':v': {'S': '2'}}"));
        assertTrue(holds("contains(l, :v)", "{':v': {'N': '2'}}"));
        assertFalse(holds("contains(n, :v)", "{':v': {'N': '1'}}"));
    }

    @Test
    void sizeCountsCharactersBytesAndElements() {
        assertTrue(holds("size(s) = :v", "{':v': {'N': '3'}}"));
        assertTrue(holds("size(b) = :v", "{':v': {'N': '3'}}"));
        assertTrue(holds("size(ss) = :v", "{':v': {'N': '2'}}"));
        assertTrue(holds("size(m) = :v", "{':v': {'N': '2'}}"));
        assertTrue(holds("size(l) > :v", "{':v': {'N': '1'}}"));
        assertFalse(holds("size(n) = :v", "{':v': {'N': '2'}}"));
        assertFalse(holds("size(absent) = :v", "{':v': {'N': '0'}}"));
    }

    @Test
    void namesAndParenthesizedOperandsResolve() {
        String json = "{'ConditionExpression': '(#a.#b) = :v AND (size(#a)) > :one', 'ExpressionAttributeNames': "
                + "{'#a': 'm', '#b': 'k'}, 'ExpressionAttributeValues': {':v': {'S': 'v'}, ':one': {'N': '1'}}}";
        assertTrue(ItemExpressions.condition(request(json)).test(ITEM));
    }

    @Test
    void conditionOnAMissingItemSeesAnEmptyItem() {
        String json = "{'ConditionExpression': 'attribute_not_exists(pk)'}";
        assertTrue(ItemExpressions.condition(request(json)).test(Map.of()));
    }
}
