package io.dynamis.core.query;

import static io.dynamis.core.query.Fixtures.json;
import static io.dynamis.core.query.Fixtures.validation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.dynamis.core.expression.KeyCondition;
import io.dynamis.core.key.KeyCodec;
import io.dynamis.core.key.OrderedBytes;
import io.dynamis.core.model.AttributeValue;
import io.dynamis.core.table.IndexDefinition;
import io.dynamis.core.table.KeyAttribute;
import io.dynamis.core.table.PrimaryKeySchema;
import io.dynamis.core.table.TableDefinition;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A global index with a multi-attribute key (partition: tournament, area; sort: round, score, player):
 * its entries sort by each sort attribute in turn, and every key condition DynamoDB allows on it (equality
 * on every partition attribute, equalities on a prefix of the sort attributes, then at most one range
 * condition) reads exactly the entries that satisfy it, no more, no fewer. The conditions DynamoDB refuses
 * are refused with its messages.
 */
class MultiAttributeIndexReadPlanTest {

    private static final long INDEX = 7;
    private static final PrimaryKeySchema TABLE = new PrimaryKeySchema(new KeyAttribute("pk", AttributeValue.Type.S),
            null);
    private static final PrimaryKeySchema BY_MATCH = PrimaryKeySchema.of(
            List.of(new KeyAttribute("tournament", AttributeValue.Type.S), new KeyAttribute("area", AttributeValue.Type.S)),
            List.of(new KeyAttribute("round", AttributeValue.Type.S), new KeyAttribute("score", AttributeValue.Type.N),
                    new KeyAttribute("player", AttributeValue.Type.S)));
    private static final TableDefinition TABLE_DEFINITION = new TableDefinition("tbl", "id", 1, 0, TABLE,
            List.of(TABLE.partitionKey()), TableDefinition.PAY_PER_REQUEST, 0, 0, "ACTIVE", null,
            List.of(new IndexDefinition("byMatch", true, BY_MATCH, IndexDefinition.ALL, List.of(), 0, 0, "ACTIVE")));

    private static final List<String> TOURNAMENTS = List.of("w24", "w24x");
    private static final List<String> REGIONS = List.of("eu", "us");
    private static final List<String> ROUNDS = List.of("final", "semi", "semiX");
    private static final List<Long> SCORES = List.of(-5L, 2L, 10L);
    private static final List<String> PLAYERS = List.of("ann", "bob");

    private static AttributeValue s(String value) {
        return new AttributeValue.Str(value);
    }

    private static AttributeValue n(long value) {
        return new AttributeValue.Num(new BigDecimal(value));
    }

    /** Every combination of the values above, each one index entry (table key: its own number). */
    private static final Map<String, Map<String, AttributeValue>> ITEMS = new LinkedHashMap<>();

    static {
        int id = 0;
        for (String tournament : TOURNAMENTS) {
            for (String region : REGIONS) {
                for (String round : ROUNDS) {
                    for (long score : SCORES) {
                        for (String player : PLAYERS) {
                            ITEMS.put("item" + id, Map.of("pk", s("item" + id++), "tournament", s(tournament),
                                    "area", s(region), "round", s(round), "score", n(score), "player", s(player)));
                        }
                    }
                }
            }
        }
    }

    private static byte[] entryKey(Map<String, AttributeValue> item) {
        return KeyCodec.encodeGlobalIndexEntry(INDEX, List.of(item.get("tournament"), item.get("area")),
                List.of(item.get("round"), item.get("score"), item.get("player")), item.get("pk"), null);
    }

    private static NavigableMap<byte[], String> entries() {
        NavigableMap<byte[], String> entries = new TreeMap<>(OrderedBytes.COMPARATOR);
        ITEMS.forEach((name, item) -> entries.put(entryKey(item), name));
        entries.put(KeyCodec.encodeGlobalIndexEntry(INDEX + 1, List.of(s("w24"), s("eu")), List.of(s("final"), n(2),
                s("ann")), s("x"), null), "other index");
        return entries;
    }

    private static final String VALUES = "':t': {'S': 'w24'}, ':r': {'S': 'eu'}, ':round': {'S': 'semi'},"
            + " ':score': {'N': '2'}, ':hi': {'N': '10'}, ':player': {'S': 'ann'}, ':pre': {'S': 'se'}";

    private static ReadRequest request(String condition, String more) {
        List<String> values = new ArrayList<>();
        for (String value : VALUES.split(", (?=':)")) {
            String name = value.substring(1, value.indexOf('\'', 1));
            if ((condition + more).matches(".*" + name + "\\b.*")) {
                values.add(value);
            }
        }
        return ReadRequest.query(json("{'TableName': 'tbl', 'IndexName': 'byMatch', 'KeyConditionExpression': '"
                + condition + "', 'ExpressionAttributeValues': {" + String.join(", ", values) + "}" + more + "}"));
    }

    private static ReadPlan plan(String condition, String more) {
        ReadRequest request = request(condition, more);
        return ReadPlan.of(request, ReadTarget.resolve(request, TABLE_DEFINITION).inStore(INDEX));
    }

    /** The entries the plan's range covers, in key order. */
    private static List<String> read(String condition) {
        KeyRange range = plan(condition, "").range();
        NavigableMap<byte[], String> entries = entries();
        return new ArrayList<>((range.to() == null ? entries.tailMap(range.from(), true)
                : entries.subMap(range.from(), true, range.to(), false)).values());
    }

    /** The items that satisfy every term of the condition, in index order. */
    private static List<String> matching(String condition) {
        KeyCondition keyCondition = request(condition, "").keyCondition();
        List<String> matching = new ArrayList<>();
        entries().forEach((key, name) -> {
            Map<String, AttributeValue> item = ITEMS.get(name);
            if (item != null && keyCondition.terms().stream().allMatch(t -> t.test(item.get(t.attribute())))) {
                matching.add(name);
            }
        });
        return matching;
    }

    @Test
    void entriesSortByEachSortAttributeInTurn() {
        List<Map<String, AttributeValue>> inOrder = new ArrayList<>();
        entries().forEach((key, name) -> {
            if (ITEMS.containsKey(name)) {
                inOrder.add(ITEMS.get(name));
            }
        });
        List<String> partition = new ArrayList<>();
        for (Map<String, AttributeValue> item : inOrder) {
            if (item.get("tournament").equals(s("w24")) && item.get("area").equals(s("eu"))) {
                partition.add(((AttributeValue.Str) item.get("round")).value() + "/"
                        + ((AttributeValue.Num) item.get("score")).value().toPlainString() + "/"
                        + ((AttributeValue.Str) item.get("player")).value());
            }
        }
        assertEquals(List.of("final/-5/ann", "final/-5/bob", "final/2/ann", "final/2/bob", "final/10/ann", "final/10/bob",
                "semi/-5/ann", "semi/-5/bob", "semi/2/ann", "semi/2/bob", "semi/10/ann", "semi/10/bob",
                "semiX/-5/ann", "semiX/-5/bob", "semiX/2/ann", "semiX/2/bob", "semiX/10/ann", "semiX/10/bob"), partition);
    }

    @Test
    void thePartitionHashCoversEveryPartitionAttribute() {
        int hashEnd = KeyCodec.STORE_ID_BYTES + KeyCodec.HASH_BYTES;
        byte[] eu = java.util.Arrays.copyOf(KeyCodec.partitionPrefix(INDEX, List.of(s("w24"), s("eu"))), hashEnd);
        byte[] us = java.util.Arrays.copyOf(KeyCodec.partitionPrefix(INDEX, List.of(s("w24"), s("us"))), hashEnd);
        assertNotEquals(0, OrderedBytes.COMPARATOR.compare(eu, us));
    }

    @Test
    void aSingleAttributeKeyEncodesAsBefore() {
        assertEquals(0, OrderedBytes.COMPARATOR.compare(
                KeyCodec.encodeGlobalIndexEntry(INDEX, s("red"), n(1), s("a"), n(2)),
                KeyCodec.encodeGlobalIndexEntry(INDEX, List.of(s("red")), List.of(n(1)), s("a"), n(2))));
    }

    @Test
    void everyAllowedConditionReadsExactlyTheEntriesThatSatisfyIt() {
        String partition = "tournament = :t AND area = :r";
        List<String> conditions = List.of(
                partition,
                partition + " AND round = :round",
                partition + " AND round = :round AND score = :score",
                partition + " AND round = :round AND score = :score AND player = :player",
                partition + " AND round < :round",
                partition + " AND round <= :round",
                partition + " AND round > :round",
                partition + " AND round >= :round",
                partition + " AND begins_with(round, :pre)",
                partition + " AND round = :round AND score < :score",
                partition + " AND round = :round AND score <= :score",
                partition + " AND round = :round AND score > :score",
                partition + " AND round = :round AND score >= :score",
                partition + " AND round = :round AND score BETWEEN :score AND :hi",
                partition + " AND round = :round AND score = :score AND begins_with(player, :pre)",
                partition + " AND round = :round AND score = :score AND player > :player",
                // the clauses' order in the expression does not matter, only which attributes they use
                "score = :score AND round = :round AND area = :r AND tournament = :t");
        for (String condition : conditions) {
            List<String> expected = matching(condition);
            assertFalse(expected.isEmpty() && !condition.contains("player > ") && !condition.contains("begins_with(player"),
                    condition);
            assertEquals(expected, read(condition), condition);
        }
    }

    @Test
    void everyPartitionAttributeNeedsAnEquality() {
        assertEquals("Query key condition not supported: every HASH key attribute must have an equality condition;"
                + " missing for area", validation(() -> plan("tournament = :t", "")));
        assertEquals("Query key condition not supported: every HASH key attribute must have an equality condition;"
                + " missing for area", validation(() -> plan("tournament = :t AND area > :r", "")));
        assertEquals("Query key condition not supported: every HASH key attribute must have an equality condition;"
                + " missing for tournament", validation(() -> plan("area = :r AND round = :round", "")));
    }

    @Test
    void sortAttributesAreUsedFromLeftToRightWithARangeOnlyOnTheLast() {
        String partition = "tournament = :t AND area = :r";
        assertEquals("Query key condition not supported: RANGE key attribute round must have an equality condition"
                + " when a later RANGE key attribute has a condition",
                validation(() -> plan(partition + " AND score = :score", "")));
        assertEquals("Query key condition not supported: RANGE key attribute score must have an equality condition"
                + " when a later RANGE key attribute has a condition",
                validation(() -> plan(partition + " AND round = :round AND player = :player", "")));
        assertEquals("Query key condition not supported: RANGE key attribute round must have an equality condition"
                + " when a later RANGE key attribute has a condition",
                validation(() -> plan(partition + " AND round > :round AND score = :score", "")));
        assertEquals("Query key condition not supported: RANGE key attribute round must have an equality condition"
                + " when a later RANGE key attribute has a condition",
                validation(() -> plan(partition + " AND begins_with(round, :pre) AND score = :score", "")));
    }

    @Test
    void otherConditionsAreRefused() {
        assertEquals("Query key condition not supported: pk is not a key attribute of the index",
                validation(() -> plan("tournament = :t AND area = :r AND pk = :player", "")));
        assertEquals("One or more parameter values were invalid: Condition parameter type does not match schema type",
                validation(() -> plan("tournament = :t AND area = :r AND round = :score", "")));
        assertEquals("Filter Expression can only contain non-primary key attributes: Primary key attribute: player",
                validation(() -> plan("tournament = :t AND area = :r", ", 'FilterExpression': 'player = :player'")));
    }

    @Test
    void theStartKeyHoldsEveryKeyAttribute() {
        String condition = "tournament = :t AND area = :r AND round = :round";
        List<String> all = read(condition);
        Map<String, AttributeValue> third = ITEMS.get(all.get(2));
        String start = ", 'ExclusiveStartKey': {'pk': {'S': '" + ((AttributeValue.Str) third.get("pk")).value() + "'},"
                + " 'tournament': {'S': 'w24'}, 'area': {'S': 'eu'}, 'round': {'S': 'semi'}, 'score': {'N': '"
                + ((AttributeValue.Num) third.get("score")).value().toPlainString() + "'}, 'player': {'S': '"
                + ((AttributeValue.Str) third.get("player")).value() + "'}}";
        KeyRange range = plan(condition, start).range();
        NavigableMap<byte[], String> entries = entries();
        assertEquals(all.subList(3, all.size()),
                new ArrayList<>(entries.subMap(range.from(), true, range.to(), false).values()));
        assertEquals("The provided starting key does not match the range key predicate",
                validation(() -> plan(condition, start.replace("'semi'", "'final'"))));
        assertEquals("The provided starting key is invalid: The provided key element does not match the schema",
                validation(() -> plan(condition, start.replace(", 'player': {'S': 'ann'}", "")
                        .replace(", 'player': {'S': 'bob'}", ""))));
    }
}
