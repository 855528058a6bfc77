package io.dynamis.it;

import static io.dynamis.it.Errors.expectValidation;
import static io.dynamis.it.Items.item;
import static io.dynamis.it.Items.n;
import static io.dynamis.it.Items.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ComparisonOperator;
import software.amazon.awssdk.services.dynamodb.model.Condition;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.Select;

/** Query on base tables: key conditions on every sort-key type, order, Limit, paging, Select, filters, projections, errors. */
@ExtendWith(StackExtension.class)
class QueryIT {

    private final DynamoDbClient client;

    QueryIT(DynamisStack stack) {
        this.client = stack.client();
    }

    /** A table with a string partition key pk and a sort key sk of the given type. */
    static String createTable(DynamoDbClient client, String prefix, ScalarAttributeType sortType) {
        String name = Tables.uniqueName(prefix);
        client.createTable(r -> r.tableName(name)
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder().attributeName("sk").keyType(KeyType.RANGE).build())
                .attributeDefinitions(
                        AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName("sk").attributeType(sortType).build())
                .billingMode(BillingMode.PAY_PER_REQUEST));
        return name;
    }

    private void put(String table, Map<String, AttributeValue> item) {
        client.putItem(r -> r.tableName(table).item(item));
    }

    private QueryResponse query(String table, String condition, Map<String, AttributeValue> values,
            Consumer<QueryRequest.Builder> more) {
        QueryRequest.Builder builder = QueryRequest.builder().tableName(table).keyConditionExpression(condition)
                .expressionAttributeValues(values);
        more.accept(builder);
        return client.query(builder.build());
    }

    private List<String> sortKeys(String table, String condition, Map<String, AttributeValue> values) {
        return sortKeys(query(table, condition, values, b -> { }));
    }

    private static List<String> sortKeys(QueryResponse response) {
        List<String> keys = new ArrayList<>();
        for (Map<String, AttributeValue> item : response.items()) {
            AttributeValue sk = item.get("sk");
            keys.add(sk.s() != null ? sk.s() : sk.n() != null ? sk.n() : sk.b().asString(StandardCharsets.ISO_8859_1));
        }
        return keys;
    }

    private static AttributeValue bin(int... bytes) {
        byte[] value = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            value[i] = (byte) bytes[i];
        }
        return AttributeValue.fromB(SdkBytes.fromByteArray(value));
    }

    @Test
    void everyKeyConditionOperatorOnNumberSortKeys() {
        String table = createTable(client, "qnum", ScalarAttributeType.N);
        for (String sk : List.of("-5", "-1.5", "0", "2", "10", "100")) {
            put(table, item("pk", s("a"), "sk", n(sk)));
            put(table, item("pk", s("b"), "sk", n(sk)));
        }
        Map<String, AttributeValue> v = Map.of(":p", s("a"), ":v", n("2"));
        assertEquals(List.of("-5", "-1.5", "0", "2", "10", "100"), sortKeys(table, "pk = :p", Map.of(":p", s("a"))));
        assertEquals(List.of("2"), sortKeys(table, "pk = :p AND sk = :v", v));
        assertEquals(List.of("-5", "-1.5", "0"), sortKeys(table, "pk = :p AND sk < :v", v));
        assertEquals(List.of("-5", "-1.5", "0", "2"), sortKeys(table, "pk = :p AND sk <= :v", v));
        assertEquals(List.of("10", "100"), sortKeys(table, "pk = :p AND sk > :v", v));
        assertEquals(List.of("2", "10", "100"), sortKeys(table, "pk = :p AND sk >= :v", v));
        assertEquals(List.of("-1.5", "0", "2", "10"), sortKeys(table, "pk = :p AND sk BETWEEN :lo AND :hi",
                Map.of(":p", s("a"), ":lo", n("-1.5"), ":hi", n("10"))));
        assertEquals(List.of(), sortKeys(table, "pk = :p AND sk = :v", Map.of(":p", s("a"), ":v", n("3"))));
        assertEquals(List.of(), sortKeys(table, "pk = :p", Map.of(":p", s("nobody"))));
    }

    @Test
    void everyKeyConditionOperatorOnStringSortKeys() {
        String table = createTable(client, "qstr", ScalarAttributeType.S);
        for (String sk : List.of("a", "ab", "abc", "abd", "b", "B", "\u00e9t\u00e9", "\u2713")) {
            put(table, item("pk", s("p"), "sk", s(sk), "data", s("x")));
        }
        put(table, item("pk", s("q"), "sk", s("ab")));
        // UTF-8 byte order: upper case before lower case, then accented letters, then symbols
        assertEquals(List.of("B", "a", "ab", "abc", "abd", "b", "\u00e9t\u00e9", "\u2713"),
                sortKeys(table, "pk = :p", Map.of(":p", s("p"))));
        Map<String, AttributeValue> v = Map.of(":p", s("p"), ":v", s("ab"));
        assertEquals(List.of("ab"), sortKeys(table, "pk = :p AND sk = :v", v));
        assertEquals(List.of("B", "a"), sortKeys(table, "pk = :p AND sk < :v", v));
        assertEquals(List.of("B", "a", "ab"), sortKeys(table, "pk = :p AND sk <= :v", v));
        assertEquals(List.of("abc", "abd", "b", "\u00e9t\u00e9", "\u2713"), sortKeys(table, "pk = :p AND sk > :v", v));
        assertEquals(List.of("ab", "abc", "abd", "b", "\u00e9t\u00e9", "\u2713"), sortKeys(table, "pk = :p AND sk >= :v", v));
        assertEquals(List.of("ab", "abc", "abd"), sortKeys(table, "pk = :p AND begins_with(sk, :v)", v));
        assertEquals(List.of("a", "ab", "abc"), sortKeys(table, "pk = :p AND sk BETWEEN :lo AND :hi",
                Map.of(":p", s("p"), ":lo", s("a"), ":hi", s("abc"))));
        assertEquals(List.of("\u00e9t\u00e9"), sortKeys(table, "pk = :p AND begins_with(sk, :v)",
                Map.of(":p", s("p"), ":v", s("\u00e9"))));
    }

    @Test
    void everyKeyConditionOperatorOnBinarySortKeys() {
        String table = createTable(client, "qbin", ScalarAttributeType.B);
        for (AttributeValue sk : List.of(bin(0x01), bin(0x01, 0x00), bin(0x01, 0x02), bin(0x7f), bin(0x80), bin(0xff, 0x00), bin(0xff, 0x01))) {
            put(table, item("pk", s("p"), "sk", sk));
        }
        // bytes compare unsigned: 0x80 and 0xff sort after 0x7f
        assertEquals(List.of("\u0001", "\u0001\u0000", "\u0001\u0002", "\u007f", "\u0080", "\u00ff\u0000", "\u00ff\u0001"),
                sortKeys(table, "pk = :p", Map.of(":p", s("p"))));
        assertEquals(List.of("\u0080"), sortKeys(table, "pk = :p AND sk = :v", Map.of(":p", s("p"), ":v", bin(0x80))));
        assertEquals(List.of("\u0001", "\u0001\u0000", "\u0001\u0002"),
                sortKeys(table, "pk = :p AND sk < :v", Map.of(":p", s("p"), ":v", bin(0x7f))));
        assertEquals(List.of("\u0001", "\u0001\u0000", "\u0001\u0002", "\u007f"),
                sortKeys(table, "pk = :p AND sk <= :v", Map.of(":p", s("p"), ":v", bin(0x7f))));
        assertEquals(List.of("\u00ff\u0000", "\u00ff\u0001"),
                sortKeys(table, "pk = :p AND sk > :v", Map.of(":p", s("p"), ":v", bin(0x80))));
        assertEquals(List.of("\u0080", "\u00ff\u0000", "\u00ff\u0001"),
                sortKeys(table, "pk = :p AND sk >= :v", Map.of(":p", s("p"), ":v", bin(0x80))));
        assertEquals(List.of("\u0001\u0002", "\u007f", "\u0080"),
                sortKeys(table, "pk = :p AND sk BETWEEN :lo AND :hi", Map.of(":p", s("p"), ":lo", bin(0x01, 0x01), ":hi", bin(0x80))));
        assertEquals(List.of("\u0001", "\u0001\u0000", "\u0001\u0002"),
                sortKeys(table, "pk = :p AND begins_with(sk, :v)", Map.of(":p", s("p"), ":v", bin(0x01))));
        assertEquals(List.of("\u00ff\u0000", "\u00ff\u0001"),
                sortKeys(table, "pk = :p AND begins_with(sk, :v)", Map.of(":p", s("p"), ":v", bin(0xff))));
    }

    @Test
    void legacyKeyConditionsSelectTheSameItems() {
        String table = createTable(client, "qlegacy", ScalarAttributeType.N);
        for (int i = 1; i <= 5; i++) {
            put(table, item("pk", s("a"), "sk", n(i)));
        }
        QueryResponse response = client.query(r -> r.tableName(table).keyConditions(Map.of(
                "pk", Condition.builder().comparisonOperator(ComparisonOperator.EQ).attributeValueList(s("a")).build(),
                "sk", Condition.builder().comparisonOperator(ComparisonOperator.BETWEEN).attributeValueList(n(2), n(4)).build())));
        assertEquals(List.of("2", "3", "4"), sortKeys(response));
    }

    @Test
    void scanIndexForwardFalseReturnsDescendingOrder() {
        String table = createTable(client, "qdesc", ScalarAttributeType.N);
        for (int i = 1; i <= 5; i++) {
            put(table, item("pk", s("a"), "sk", n(i)));
        }
        assertEquals(List.of("5", "4", "3", "2", "1"),
                sortKeys(query(table, "pk = :p", Map.of(":p", s("a")), b -> b.scanIndexForward(false))));
        assertEquals(List.of("3", "2"), sortKeys(query(table, "pk = :p AND sk BETWEEN :lo AND :hi",
                Map.of(":p", s("a"), ":lo", n(2), ":hi", n(3)), b -> b.scanIndexForward(false))));
    }

    @Test
    void limitStopsAfterThatManyItemsWithALastEvaluatedKeyToResumeFrom() {
        String table = createTable(client, "qlimit", ScalarAttributeType.N);
        for (int i = 1; i <= 5; i++) {
            put(table, item("pk", s("a"), "sk", n(i)));
        }
        Map<String, AttributeValue> v = Map.of(":p", s("a"));
        QueryResponse first = query(table, "pk = :p", v, b -> b.limit(2));
        assertEquals(List.of("1", "2"), sortKeys(first));
        assertEquals(Map.of("pk", s("a"), "sk", n(2)), first.lastEvaluatedKey());
        QueryResponse second = query(table, "pk = :p", v, b -> b.limit(2).exclusiveStartKey(first.lastEvaluatedKey()));
        assertEquals(List.of("3", "4"), sortKeys(second));
        QueryResponse third = query(table, "pk = :p", v, b -> b.limit(2).exclusiveStartKey(second.lastEvaluatedKey()));
        assertEquals(List.of("5"), sortKeys(third));
        assertFalse(third.hasLastEvaluatedKey() && !third.lastEvaluatedKey().isEmpty());

        // reaching Limit exactly still answers a LastEvaluatedKey; the page after it is empty
        QueryResponse exact = query(table, "pk = :p", v, b -> b.limit(5));
        assertEquals(5, exact.count());
        assertEquals(Map.of("pk", s("a"), "sk", n(5)), exact.lastEvaluatedKey());
        QueryResponse after = query(table, "pk = :p", v, b -> b.limit(5).exclusiveStartKey(exact.lastEvaluatedKey()));
        assertEquals(0, after.count());
        assertFalse(after.hasLastEvaluatedKey() && !after.lastEvaluatedKey().isEmpty());

        // backwards
        QueryResponse back = query(table, "pk = :p", v, b -> b.limit(2).scanIndexForward(false));
        assertEquals(List.of("5", "4"), sortKeys(back));
        assertEquals(List.of("3", "2"), sortKeys(query(table, "pk = :p", v,
                b -> b.limit(2).scanIndexForward(false).exclusiveStartKey(back.lastEvaluatedKey()))));
    }

    @Test
    void filterCountsAfterLimitAndScannedCountBefore() {
        String table = createTable(client, "qfilter", ScalarAttributeType.N);
        for (int i = 1; i <= 6; i++) {
            put(table, item("pk", s("a"), "sk", n(i), "color", s(i % 2 == 0 ? "red" : "blue")));
        }
        QueryResponse all = query(table, "pk = :p", Map.of(":p", s("a"), ":c", s("red")),
                b -> b.filterExpression("color = :c"));
        assertEquals(List.of("2", "4", "6"), sortKeys(all));
        assertEquals(3, all.count());
        assertEquals(6, all.scannedCount());

        QueryResponse limited = query(table, "pk = :p", Map.of(":p", s("a"), ":c", s("red")),
                b -> b.filterExpression("color = :c").limit(3));
        assertEquals(List.of("2"), sortKeys(limited));
        assertEquals(3, limited.scannedCount());
        assertEquals(Map.of("pk", s("a"), "sk", n(3)), limited.lastEvaluatedKey());

        QueryResponse none = query(table, "pk = :p", Map.of(":p", s("a"), ":c", s("green")),
                b -> b.filterExpression("color = :c"));
        assertEquals(0, none.count());
        assertEquals(6, none.scannedCount());
        assertTrue(none.items().isEmpty());

        QueryResponse legacy = client.query(r -> r.tableName(table)
                .keyConditions(Map.of("pk", Condition.builder().comparisonOperator(ComparisonOperator.EQ).attributeValueList(s("a")).build()))
                .queryFilter(Map.of("color", Condition.builder().comparisonOperator(ComparisonOperator.EQ).attributeValueList(s("blue")).build())));
        assertEquals(List.of("1", "3", "5"), sortKeys(legacy));
    }

    @Test
    void selectCountReturnsCountsWithoutItems() {
        String table = createTable(client, "qcount", ScalarAttributeType.N);
        for (int i = 1; i <= 4; i++) {
            put(table, item("pk", s("a"), "sk", n(i), "big", s(i > 2 ? "yes" : "no")));
        }
        QueryResponse response = query(table, "pk = :p", Map.of(":p", s("a"), ":y", s("yes")),
                b -> b.select(Select.COUNT).filterExpression("big = :y"));
        assertEquals(2, response.count());
        assertEquals(4, response.scannedCount());
        assertFalse(response.hasItems());
    }

    @Test
    void projectionsReturnOnlyTheNamedAttributes() {
        String table = createTable(client, "qproj", ScalarAttributeType.N);
        put(table, item("pk", s("a"), "sk", n(1), "name", s("one"), "m", Items.m("x", n(1), "y", n(2)), "attr1", s("z")));
        QueryResponse expression = query(table, "pk = :p", Map.of(":p", s("a")),
                b -> b.projectionExpression("#n, m.y").expressionAttributeNames(Map.of("#n", "name")));
        assertEquals(List.of(item("name", s("one"), "m", Items.m("y", n(2)))), expression.items());

        QueryResponse legacy = client.query(r -> r.tableName(table).attributesToGet("sk", "attr1")
                .keyConditions(Map.of("pk", Condition.builder().comparisonOperator(ComparisonOperator.EQ).attributeValueList(s("a")).build())));
        assertEquals(List.of(item("sk", n(1), "attr1", s("z"))), legacy.items());

        QueryResponse specific = query(table, "pk = :p", Map.of(":p", s("a")),
                b -> b.select(Select.SPECIFIC_ATTRIBUTES).projectionExpression("attr1"));
        assertEquals(List.of(item("attr1", s("z"))), specific.items());
    }

    @Test
    void consumedCapacityIsTheTotalSizeReadIn4KbUnits() {
        String table = createTable(client, "qcap", ScalarAttributeType.N);
        for (int i = 1; i <= 3; i++) {
            put(table, item("pk", s("a"), "sk", n(i), "data", s(Items.chars(5000))));
        }
        // about 15,030 bytes read: 4 units of 4 KB, halved for an eventually consistent read
        QueryResponse eventual = query(table, "pk = :p", Map.of(":p", s("a")),
                b -> b.returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        assertEquals(2.0, eventual.consumedCapacity().capacityUnits());
        assertEquals(table, eventual.consumedCapacity().tableName());
        QueryResponse consistent = query(table, "pk = :p", Map.of(":p", s("a")),
                b -> b.returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).consistentRead(true));
        assertEquals(4.0, consistent.consumedCapacity().capacityUnits());
        assertNull(query(table, "pk = :p", Map.of(":p", s("a")), b -> { }).consumedCapacity());
    }

    @Test
    void pagingThroughSeveralMegabytesInBothDirections() {
        String table = createTable(client, "qpages", ScalarAttributeType.N);
        int items = 45;
        String payload = Items.chars(100_000);
        for (int i = 0; i < items; i++) {
            put(table, item("pk", s("big"), "sk", n(i), "payload", s(payload)));
        }
        put(table, item("pk", s("small"), "sk", n(0)));
        for (boolean forward : new boolean[] {true, false}) {
            List<String> seen = new ArrayList<>();
            Map<String, AttributeValue> start = null;
            int pages = 0;
            do {
                Map<String, AttributeValue> from = start;
                QueryResponse page = query(table, "pk = :p", Map.of(":p", s("big")),
                        b -> b.scanIndexForward(forward).exclusiveStartKey(from).projectionExpression("sk"));
                pages++;
                assertTrue(page.count() <= 11, "a page holds at most about 1 MB: " + page.count());
                seen.addAll(sortKeys(page));
                start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
                assertTrue(pages < 20, "paging does not end");
            } while (start != null);
            assertTrue(pages >= 5, "4.5 MB take at least five pages, took " + pages);
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < items; i++) {
                expected.add(Integer.toString(forward ? i : items - 1 - i));
            }
            assertEquals(expected, seen, forward ? "forward" : "backward");
        }
    }

    // ---- errors ----

    @Test
    @Tag("ddblocal-deviation") // DynamoDB Local leaves the attribute name out: "Query condition missed key schema element"
    void theKeyConditionMustNameThePartitionKeyAndOnlyKeys() {
        String table = createTable(client, "qerr", ScalarAttributeType.N);
        expectValidation("Query condition missed key schema element: pk",
                () -> query(table, "sk = :v", Map.of(":v", n(1)), b -> { }));
        expectValidation("Query condition missed key schema element: sk",
                () -> query(table, "pk = :p AND attr1 = :v", Map.of(":p", s("a"), ":v", n(1)), b -> { }));
    }

    @Test
    void thePartitionKeyNeedsAnEqualityOfItsType() {
        String table = createTable(client, "qerr", ScalarAttributeType.N);
        String hashOnly = Tables.createHashTable(client, "qerrh", ScalarAttributeType.S);
        expectValidation("Query key condition not supported", () -> query(table, "pk > :p", Map.of(":p", s("a")), b -> { }));
        expectValidation("Query key condition not supported",
                () -> query(table, "begins_with(pk, :p)", Map.of(":p", s("a")), b -> { }));
        expectValidation("Query key condition not supported",
                () -> query(hashOnly, "pk = :p AND attr1 = :v", Map.of(":p", s("a"), ":v", n(1)), b -> { }));
        expectValidation("One or more parameter values were invalid: Condition parameter type does not match schema type",
                () -> query(table, "pk = :p", Map.of(":p", n(1)), b -> { }));
        expectValidation("One or more parameter values were invalid: Condition parameter type does not match schema type",
                () -> query(table, "pk = :p AND sk > :v", Map.of(":p", s("a"), ":v", s("1")), b -> { }));
        expectValidation("Invalid KeyConditionExpression: Incorrect operand type for operator or function;"
                + " operator or function: begins_with, operand type: N",
                () -> query(table, "pk = :p AND begins_with(sk, :v)", Map.of(":p", s("a"), ":v", n(1)), b -> { }));
    }

    @Test
    void keyConditionValuesMayNotBeEmpty() {
        String table = createTable(client, "qerr", ScalarAttributeType.S);
        expectValidation("One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain"
                + " an empty string value. Key: pk", () -> query(table, "pk = :p", Map.of(":p", s("")), b -> { }));
        expectValidation("One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain"
                + " an empty string value. Key: sk",
                () -> query(table, "pk = :p AND begins_with(sk, :v)", Map.of(":p", s("a"), ":v", s("")), b -> { }));
    }

    @Test
    void theFilterMayNotReadKeyAttributes() {
        String table = createTable(client, "qerr", ScalarAttributeType.N);
        expectValidation("Filter Expression can only contain non-primary key attributes: Primary key attribute: sk",
                () -> query(table, "pk = :p", Map.of(":p", s("a"), ":v", n(1)), b -> b.filterExpression("sk > :v")));
        expectValidation("Filter Expression can only contain non-primary key attributes: Primary key attribute: pk",
                () -> query(table, "pk = :p", Map.of(":p", s("a")), b -> b.filterExpression("attribute_exists(pk)")));
        expectValidation("QueryFilter can only contain non-primary key attributes: Primary key attribute: sk",
                () -> client.query(r -> r.tableName(table)
                        .keyConditions(Map.of("pk", Condition.builder().comparisonOperator(ComparisonOperator.EQ)
                                .attributeValueList(s("a")).build()))
                        .queryFilter(Map.of("sk", Condition.builder().comparisonOperator(ComparisonOperator.NOT_NULL).build()))));
    }

    @Test
    void selectMustFitTheProjection() {
        String table = createTable(client, "qerr", ScalarAttributeType.N);
        Map<String, AttributeValue> v = Map.of(":p", s("a"));
        expectValidation("ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName",
                () -> query(table, "pk = :p", v, b -> b.select(Select.ALL_PROJECTED_ATTRIBUTES)));
        expectValidation("Must specify the AttributesToGet or ProjectionExpression when choosing to get SPECIFIC_ATTRIBUTES",
                () -> query(table, "pk = :p", v, b -> b.select(Select.SPECIFIC_ATTRIBUTES)));
        expectValidation("Cannot specify the ProjectionExpression when choosing to get ALL_ATTRIBUTES",
                () -> query(table, "pk = :p", v, b -> b.select(Select.ALL_ATTRIBUTES).projectionExpression("x")));
        expectValidation("Cannot specify the ProjectionExpression when choosing to get only the Count",
                () -> query(table, "pk = :p", v, b -> b.select(Select.COUNT).projectionExpression("x")));
    }

    @Test
    @Tag("ddblocal-deviation") // DynamoDB Local: "Limit must be greater than or equal to 1"
    void limitMustBeAtLeastOne() {
        String table = createTable(client, "qerr", ScalarAttributeType.N);
        expectValidation("1 validation error detected: Value at 'Limit' failed to satisfy constraint: Member must have"
                + " value greater than or equal to 1", () -> query(table, "pk = :p", Map.of(":p", s("a")), b -> b.limit(0)));
    }

    @Test
    @Tag("ddblocal-deviation") // DynamoDB Local: "Exclusive Start Key must have same size as table's key schema", and a
    // different partition "does not match the range key predicate"
    void theStartKeyMustBeAKeyOfTheTableInsideTheQuery() {
        String table = createTable(client, "qerr", ScalarAttributeType.N);
        Map<String, AttributeValue> v = Map.of(":p", s("a"));
        expectValidation("The provided starting key is invalid: The provided key element does not match the schema",
                () -> query(table, "pk = :p", v, b -> b.exclusiveStartKey(Map.of("pk", s("a")))));
        expectValidation("The provided starting key is outside query boundaries based on provided conditions",
                () -> query(table, "pk = :p", v, b -> b.exclusiveStartKey(Map.of("pk", s("b"), "sk", n(1)))));
    }

    @Test
    void aStartKeyOutsideTheSortKeyConditionIsRefused() {
        String table = createTable(client, "qerr", ScalarAttributeType.N);
        expectValidation("The provided starting key does not match the range key predicate",
                () -> query(table, "pk = :p AND sk > :v", Map.of(":p", s("a"), ":v", n(5)),
                        b -> b.exclusiveStartKey(Map.of("pk", s("a"), "sk", n(1)))));
    }

    @Test
    void anUnknownIndexIsRefusedByName() {
        String table = createTable(client, "qerr", ScalarAttributeType.N);
        expectValidation("The table does not have the specified index: byColor",
                () -> query(table, "pk = :p", Map.of(":p", s("a")), b -> b.indexName("byColor")));
    }

    @Test
    void aMissingTableIsResourceNotFound() {
        assertThrows(ResourceNotFoundException.class,
                () -> query(Tables.uniqueName("missing"), "pk = :p", Map.of(":p", s("a")), b -> { }));
    }
}
