package io.dynamis.it;

import static io.dynamis.it.Errors.expectValidation;
import static io.dynamis.it.Errors.expectValidationEndingWith;
import static io.dynamis.it.Items.n;
import static io.dynamis.it.Items.s;
import static io.dynamis.it.Tables.attribute;
import static io.dynamis.it.Tables.key;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * Global secondary indexes with multi-attribute keys (DynamoDB, November 2025), through the AWS SDK v2
 * unchanged: a KeySchema of up to four HASH and four RANGE elements; items missing any key attribute are
 * not in the index; a Query gives an equality on every HASH attribute and conditions on the RANGE
 * attributes from left to right (equalities, then at most one range condition); results follow the RANGE
 * attributes in turn; UpdateTable adds such an index with a backfill while writes go on, and deletes it.
 */
@ExtendWith(StackExtension.class)
class MultiAttributeGsiIT {

    private static final long ACTIVE_WAIT_MILLIS = 120_000;
    private static final long CONVERGE_WAIT_MILLIS = 30_000;

    private final DynamoDbClient client;

    MultiAttributeGsiIT(DynamisStack stack) {
        this.client = stack.client();
    }

    private static final List<KeySchemaElement> BY_MATCH = List.of(key("tournament", KeyType.HASH),
            key("area", KeyType.HASH), key("round", KeyType.RANGE), key("score", KeyType.RANGE));

    /** Table pk (S) with the index byMatch: HASH tournament (S), area (S); RANGE round (S), score (N). */
    private String createTable() {
        String name = Tables.uniqueName("gsimulti");
        client.createTable(r -> r.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(key("pk", KeyType.HASH))
                .attributeDefinitions(attribute("pk", ScalarAttributeType.S),
                        attribute("tournament", ScalarAttributeType.S), attribute("area", ScalarAttributeType.S),
                        attribute("round", ScalarAttributeType.S), attribute("score", ScalarAttributeType.N))
                .globalSecondaryIndexes(g -> g.indexName("byMatch").keySchema(BY_MATCH)
                        .projection(p -> p.projectionType(ProjectionType.ALL))));
        return name;
    }

    /** Twelve matches of w24 (areas eu and us, rounds final and semi, scores 1..3), one of w25, two not indexed. */
    private void load(String table) {
        for (String area : List.of("eu", "us")) {
            for (String round : List.of("final", "semi")) {
                for (int score = 1; score <= 3; score++) {
                    Map<String, AttributeValue> item = Map.of("pk", s(area + "-" + round + "-" + score),
                            "tournament", s("w24"), "area", s(area), "round", s(round), "score", n(score));
                    client.putItem(r -> r.tableName(table).item(item));
                }
            }
        }
        client.putItem(r -> r.tableName(table).item(Map.of("pk", s("other"), "tournament", s("w25"), "area", s("eu"),
                "round", s("final"), "score", n(1))));
        client.putItem(r -> r.tableName(table).item(Map.of("pk", s("no-area"), "tournament", s("w24"),
                "round", s("final"), "score", n(1))));
        client.putItem(r -> r.tableName(table).item(Map.of("pk", s("no-score"), "tournament", s("w24"), "area", s("eu"),
                "round", s("final"))));
    }

    private List<String> query(String table, String condition, Map<String, AttributeValue> values) {
        return query(QueryRequest.builder().tableName(table).indexName("byMatch").keyConditionExpression(condition)
                .expressionAttributeValues(values).build());
    }

    private List<String> query(QueryRequest request) {
        return client.query(request).items().stream().map(item -> item.get("pk").s()).toList();
    }

    private static Map<String, AttributeValue> values(Object... namesAndValues) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":t", s("w24"));
        values.put(":a", s("eu"));
        for (int i = 0; i < namesAndValues.length; i += 2) {
            values.put((String) namesAndValues[i], (AttributeValue) namesAndValues[i + 1]);
        }
        return values;
    }

    private static final String PARTITION = "tournament = :t AND area = :a";

    @Test
    void describeTableShowsTheMultiAttributeKeySchema() {
        String table = createTable();
        var index = client.describeTable(r -> r.tableName(table)).table().globalSecondaryIndexes().get(0);
        assertEquals(BY_MATCH, index.keySchema());
        assertEquals("ACTIVE", index.indexStatusAsString());
    }

    @Test
    void aQueryWithEveryKindOfConditionReadsTheMatchingItemsInSortAttributeOrder() {
        String table = createTable();
        load(table);
        assertEquals(List.of("eu-final-1", "eu-final-2", "eu-final-3", "eu-semi-1", "eu-semi-2", "eu-semi-3"),
                query(table, PARTITION, values()), "equality on the partition attributes only");
        assertEquals(List.of("eu-semi-2"), query(table, PARTITION + " AND round = :r AND score = :s",
                values(":r", s("semi"), ":s", n(2))), "equality on every attribute");
        assertEquals(List.of("eu-semi-1", "eu-semi-2", "eu-semi-3"), query(table, PARTITION + " AND round = :r",
                values(":r", s("semi"))), "equality on a prefix of the sort attributes");
        assertEquals(List.of("eu-semi-2", "eu-semi-3"), query(table, PARTITION + " AND round = :r AND score > :s",
                values(":r", s("semi"), ":s", n(1))), "a prefix, then a range on the next sort attribute");
        assertEquals(List.of("eu-final-2", "eu-final-3"), query(table,
                PARTITION + " AND round = :r AND score BETWEEN :lo AND :hi",
                values(":r", s("final"), ":lo", n(2), ":hi", n(5))), "BETWEEN");
        assertEquals(List.of("eu-semi-1", "eu-semi-2", "eu-semi-3"), query(table,
                PARTITION + " AND begins_with(round, :p)", values(":p", s("se"))), "begins_with");
        assertEquals(List.of("eu-final-1", "eu-final-2", "eu-final-3"), query(table, PARTITION + " AND round < :r",
                values(":r", s("semi"))), "a range on the first sort attribute");
        assertEquals(List.of("us-semi-3", "us-semi-2", "us-semi-1", "us-final-3", "us-final-2", "us-final-1"),
                query(QueryRequest.builder().tableName(table).indexName("byMatch").keyConditionExpression(PARTITION)
                        .expressionAttributeValues(values(":a", s("us"))).scanIndexForward(false).build()),
                "descending");
        assertEquals(List.of("eu-final-2", "eu-final-3"), query(QueryRequest.builder().tableName(table)
                .indexName("byMatch").keyConditions(Map.of(
                        "tournament", eq(s("w24")), "area", eq(s("eu")), "round", eq(s("final")),
                        "score", software.amazon.awssdk.services.dynamodb.model.Condition.builder()
                                .comparisonOperator("GT").attributeValueList(n(1)).build())).build()),
                "the legacy KeyConditions");
    }

    private static software.amazon.awssdk.services.dynamodb.model.Condition eq(AttributeValue value) {
        return software.amazon.awssdk.services.dynamodb.model.Condition.builder().comparisonOperator("EQ")
                .attributeValueList(value).build();
    }

    @Test
    void itemsMissingAnyKeyAttributeAreNotInTheIndexAndMoveWithTheirKeys() {
        String table = createTable();
        load(table);
        assertEquals(13, scanIndex(table).size(), "the twelve w24 matches and the w25 one; not no-area nor no-score");
        client.updateItem(r -> r.tableName(table).key(Map.of("pk", s("no-area"))).updateExpression("SET area = :a")
                .expressionAttributeValues(Map.of(":a", s("eu"))));
        client.updateItem(r -> r.tableName(table).key(Map.of("pk", s("eu-semi-2"))).updateExpression("REMOVE score"));
        client.updateItem(r -> r.tableName(table).key(Map.of("pk", s("eu-semi-3"))).updateExpression("SET area = :a")
                .expressionAttributeValues(Map.of(":a", s("us"))));
        assertEquals(List.of("eu-final-1", "no-area", "eu-final-2", "eu-final-3", "eu-semi-1"),
                query(table, PARTITION, values()));
        assertEquals(List.of("us-semi-1", "us-semi-2", "eu-semi-3", "us-semi-3"),
                query(table, PARTITION + " AND round = :r", values(":a", s("us"), ":r", s("semi"))));
    }

    @Test
    void pagesResumeFromALastEvaluatedKeyHoldingEveryKeyAttribute() {
        String table = createTable();
        load(table);
        QueryResponse first = client.query(r -> r.tableName(table).indexName("byMatch").keyConditionExpression(PARTITION)
                .expressionAttributeValues(values()).limit(4));
        assertEquals(new TreeSet<>(List.of("pk", "tournament", "area", "round", "score")),
                new TreeSet<>(first.lastEvaluatedKey().keySet()));
        QueryResponse second = client.query(r -> r.tableName(table).indexName("byMatch")
                .keyConditionExpression(PARTITION).expressionAttributeValues(values()).limit(4)
                .exclusiveStartKey(first.lastEvaluatedKey()));
        assertEquals(List.of("eu-semi-2", "eu-semi-3"), second.items().stream().map(i -> i.get("pk").s()).toList());
    }

    @Test
    void aPartiqlSelectOnTheIndexWithEveryPartitionAttributeIsAQueryOfIt() {
        String table = createTable();
        load(table);
        String from = "SELECT pk FROM \"" + table + "\".\"byMatch\" WHERE ";
        assertEquals(List.of("eu-final-1", "eu-final-2", "eu-final-3", "eu-semi-1", "eu-semi-2", "eu-semi-3"),
                select(from + "tournament = 'w24' AND area = 'eu'"), "equality on every partition attribute");
        assertEquals(List.of("us-semi-3", "us-semi-2"),
                select(from + "area = ? AND tournament = 'w24' AND round = 'semi' AND score >= 2 ORDER BY round DESC",
                        s("us")), "a prefix of the sort attributes, a range on the next, descending");
        assertEquals(List.of("eu-final-1", "other"), select(from + "tournament IN ['w24', 'w25'] AND area = 'eu'"
                + " AND round = 'final' AND score = 1"), "IN on a partition attribute: one Query per value");
        assertEquals(List.of("eu-semi-2"), select("SELECT pk FROM \"" + table + "\".\"byMatch\" WHERE"
                + " tournament = 'w24' AND area = 'eu' AND score = 2 AND begins_with(round, 'se')"),
                "a condition on a later sort attribute is read as a filter (of a Scan)");
    }

    private List<String> select(String statement, AttributeValue... parameters) {
        return client.executeStatement(r -> r.statement(statement)
                .parameters(parameters.length == 0 ? null : List.of(parameters))).items().stream()
                .map(item -> item.get("pk").s()).toList();
    }

    @Test
    void conditionsTheIndexCannotServeAreRefused() {
        String table = createTable();
        expectValidation("Query key condition not supported: every HASH key attribute must have an equality condition;"
                + " missing for area", () -> query(table, "tournament = :t", Map.of(":t", s("w24"))));
        expectValidation("Query key condition not supported: RANGE key attribute round must have an equality condition"
                + " when a later RANGE key attribute has a condition",
                () -> query(table, PARTITION + " AND score = :s", values(":s", n(1))));
        expectValidation("Query key condition not supported: RANGE key attribute round must have an equality condition"
                + " when a later RANGE key attribute has a condition",
                () -> query(table, PARTITION + " AND round > :r AND score = :s", values(":r", s("a"), ":s", n(1))));
        expectValidation("Filter Expression can only contain non-primary key attributes: Primary key attribute: score",
                () -> query(QueryRequest.builder().tableName(table).indexName("byMatch").keyConditionExpression(PARTITION)
                        .filterExpression("score > :s").expressionAttributeValues(values(":s", n(1))).build()));
        expectValidation("One or more parameter values were invalid: Condition parameter type does not match schema type",
                () -> query(table, PARTITION + " AND score = :s AND round = :r", values(":s", s("1"), ":r", s("x"))));
    }

    @Test
    void keySchemasBeyondDynamoDbsRulesAreRefused() {
        String name = Tables.uniqueName("gsimultibad");
        List<AttributeDefinition> definitions = new ArrayList<>(List.of(attribute("pk", ScalarAttributeType.S)));
        for (String a : List.of("a", "b", "c", "d", "e")) {
            definitions.add(attribute(a, ScalarAttributeType.S));
        }
        expectValidation("One or more parameter values were invalid: The KeySchema exceeds the maximum allowed number of"
                + " HASH key attributes", () -> client.createTable(r -> r.tableName(name)
                        .billingMode(BillingMode.PAY_PER_REQUEST).keySchema(key("pk", KeyType.HASH))
                        .attributeDefinitions(definitions)
                        .globalSecondaryIndexes(g -> g.indexName("gsi").projection(p -> p.projectionType(ProjectionType.ALL))
                                .keySchema(key("a", KeyType.HASH), key("b", KeyType.HASH), key("c", KeyType.HASH),
                                        key("d", KeyType.HASH), key("e", KeyType.HASH)))));
        expectValidation("One or more parameter values were invalid: All HASH key attributes must precede RANGE key"
                + " attributes in the KeySchema", () -> client.createTable(r -> r.tableName(name)
                        .billingMode(BillingMode.PAY_PER_REQUEST).keySchema(key("pk", KeyType.HASH))
                        .attributeDefinitions(definitions.subList(0, 4))
                        .globalSecondaryIndexes(g -> g.indexName("gsi").projection(p -> p.projectionType(ProjectionType.ALL))
                                .keySchema(key("a", KeyType.HASH), key("b", KeyType.RANGE), key("c", KeyType.HASH)))));
        expectValidation("The KeySchema contains multiple key attributes with the same name", () -> client.createTable(r -> r
                .tableName(name).billingMode(BillingMode.PAY_PER_REQUEST).keySchema(key("pk", KeyType.HASH))
                .attributeDefinitions(definitions.subList(0, 3))
                .globalSecondaryIndexes(g -> g.indexName("gsi").projection(p -> p.projectionType(ProjectionType.ALL))
                        .keySchema(key("a", KeyType.HASH), key("b", KeyType.HASH), key("a", KeyType.RANGE)))));
        expectValidationEndingWith("at 'localSecondaryIndexes.1.member.keySchema' failed to satisfy constraint: Member"
                + " must have length less than or equal to 2", () -> client.createTable(r -> r.tableName(name)
                        .billingMode(BillingMode.PAY_PER_REQUEST).keySchema(key("pk", KeyType.HASH), key("a", KeyType.RANGE))
                        .attributeDefinitions(definitions.subList(0, 3))
                        .localSecondaryIndexes(l -> l.indexName("lsi").projection(p -> p.projectionType(ProjectionType.ALL))
                                .keySchema(key("pk", KeyType.HASH), key("a", KeyType.RANGE), key("b", KeyType.RANGE)))));
    }

    /** What the test knows each item to be after every acknowledged write (absent: not in the map). */
    private final Map<String, Map<String, AttributeValue>> expected = new ConcurrentHashMap<>();

    @Test
    void updateTableAddsAMultiAttributeIndexWithABackfillUnderWritesAndDeletesIt() throws Exception {
        String table = Tables.createHashTable(client, "gsimultifill", ScalarAttributeType.S);
        for (int i = 0; i < 600; i++) {
            put(table, i, i % 7, i);
        }
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicLong writes = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread writer = new Thread(() -> {
            Random random = new Random(17);
            long deadline = System.currentTimeMillis() + ACTIVE_WAIT_MILLIS;
            try {
                while (writing.get() && System.currentTimeMillis() < deadline) {
                    int i = random.nextInt(800);
                    int op = random.nextInt(10);
                    if (op < 7) {
                        put(table, i, random.nextInt(7), random.nextInt(100));
                    } else if (op < 8) {
                        String pk = "item" + i;
                        client.updateItem(r -> r.tableName(table).key(Map.of("pk", s(pk))).updateExpression("REMOVE lvl"));
                        expected.computeIfPresent(pk, (k, item) -> {
                            Map<String, AttributeValue> copy = new HashMap<>(item);
                            copy.remove("lvl");
                            return copy;
                        });
                    } else {
                        client.deleteItem(r -> r.tableName(table).key(Map.of("pk", s("item" + i))));
                        expected.remove("item" + i);
                    }
                    writes.incrementAndGet();
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "gsi-multi-writer");
        writer.start();
        long started = System.currentTimeMillis();
        try {
            client.updateTable(r -> r.tableName(table)
                    .attributeDefinitions(attribute("game", ScalarAttributeType.S), attribute("lvl", ScalarAttributeType.N),
                            attribute("pts", ScalarAttributeType.N))
                    .globalSecondaryIndexUpdates(u -> u.create(c -> c.indexName("byGame")
                            .keySchema(key("game", KeyType.HASH), key("lvl", KeyType.HASH), key("pts", KeyType.RANGE))
                            .projection(p -> p.projectionType(ProjectionType.ALL)))));
            String status = "CREATING";
            while (!"ACTIVE".equals(status) || System.currentTimeMillis() - started < 2_000) {
                assertTrue(failure.get() == null && System.currentTimeMillis() - started < ACTIVE_WAIT_MILLIS,
                        "the index became ACTIVE while writes went on (" + status + ")");
                status = client.describeTable(r -> r.tableName(table)).table().globalSecondaryIndexes().get(0)
                        .indexStatusAsString();
                Thread.sleep(100);
            }
        } finally {
            writing.set(false);
            writer.join(30_000);
        }
        if (failure.get() != null) {
            throw new AssertionError("the writer failed", failure.get());
        }
        assertTrue(writes.get() > 0, "writes went on while the index was built");
        assertEquals(List.of(key("game", KeyType.HASH), key("lvl", KeyType.HASH), key("pts", KeyType.RANGE)),
                client.describeTable(r -> r.tableName(table)).table().globalSecondaryIndexes().get(0).keySchema());

        Map<Integer, List<String>> wanted = new TreeMap<>();
        for (int lvl = 0; lvl < 7; lvl++) {
            wanted.put(lvl, expectedPartition(lvl));
        }
        Map<Integer, List<String>> actual = new TreeMap<>();
        long deadline = System.currentTimeMillis() + CONVERGE_WAIT_MILLIS;
        while (true) {
            for (int lvl = 0; lvl < 7; lvl++) {
                actual.put(lvl, queryAll(table, lvl));
            }
            if (actual.equals(wanted) || System.currentTimeMillis() > deadline) {
                break;
            }
            Thread.sleep(300);
        }
        assertEquals(wanted, actual, "each partition of the backfilled index: its items in pts order");

        client.updateTable(r -> r.tableName(table).globalSecondaryIndexUpdates(u -> u.delete(d -> d.indexName("byGame"))));
        assertEquals(false, client.describeTable(r -> r.tableName(table)).table().hasGlobalSecondaryIndexes());
        expectValidation("The table does not have the specified index: byGame",
                () -> client.query(r -> r.tableName(table).indexName("byGame")
                        .keyConditionExpression("game = :g AND lvl = :l")
                        .expressionAttributeValues(Map.of(":g", s("chess"), ":l", n(1)))));
    }

    private void put(String table, int i, int lvl, int pts) {
        Map<String, AttributeValue> item = Map.of("pk", s("item" + i), "game", s("chess"), "lvl", n(lvl), "pts", n(pts));
        client.putItem(r -> r.tableName(table).item(item));
        expected.put("item" + i, item);
    }

    /** The items expected in partition (chess, lvl), in index order: pts, then the table key. */
    private List<String> expectedPartition(int lvl) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        expected.values().stream().filter(item -> item.containsKey("lvl") && item.get("lvl").n().equals("" + lvl))
                .forEach(items::add);
        items.sort((a, b) -> {
            int byPts = Integer.compare(Integer.parseInt(a.get("pts").n()), Integer.parseInt(b.get("pts").n()));
            return byPts != 0 ? byPts : compareUtf8(a.get("pk").s(), b.get("pk").s());
        });
        return items.stream().map(item -> item.get("pk").s()).toList();
    }

    private static int compareUtf8(String a, String b) {
        return java.util.Arrays.compareUnsigned(a.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                b.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private List<String> queryAll(String table, int lvl) {
        List<String> pks = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        for (int page = 0; page < 100; page++) {
            Map<String, AttributeValue> exclusiveStart = start;
            QueryResponse response = client.query(r -> r.tableName(table).indexName("byGame")
                    .keyConditionExpression("game = :g AND lvl = :l").limit(50).exclusiveStartKey(exclusiveStart)
                    .expressionAttributeValues(Map.of(":g", s("chess"), ":l", n(lvl))));
            response.items().forEach(item -> pks.add(item.get("pk").s()));
            if (!response.hasLastEvaluatedKey() || response.lastEvaluatedKey().isEmpty()) {
                break;
            }
            start = response.lastEvaluatedKey();
        }
        return pks;
    }

    private List<Map<String, AttributeValue>> scanIndex(String table) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        for (int page = 0; page < 100; page++) {
            Map<String, AttributeValue> exclusiveStart = start;
            ScanResponse response = client.scan(r -> r.tableName(table).indexName("byMatch").exclusiveStartKey(exclusiveStart));
            items.addAll(response.items());
            if (!response.hasLastEvaluatedKey() || response.lastEvaluatedKey().isEmpty()) {
                break;
            }
            start = response.lastEvaluatedKey();
        }
        return items;
    }
}
