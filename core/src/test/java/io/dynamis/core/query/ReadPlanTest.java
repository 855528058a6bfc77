package io.dynamis.core.query;

import static io.dynamis.core.query.Fixtures.json;
import static io.dynamis.core.query.Fixtures.table;
import static io.dynamis.core.query.Fixtures.validation;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dynamis.core.key.KeyCodec;
import io.dynamis.core.key.OrderedBytes;
import io.dynamis.core.model.AttributeValue;
import io.dynamis.core.table.TableDefinition;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The key range a Query or Scan reads, and how its key condition and start key are checked against the schema. */
class ReadPlanTest {

    private static final long STORE = 7;

    /** Storage keys of partitions "a", "b" and "" neighbours, each with the given sort keys, mapped to a label. */
    private static NavigableMap<byte[], String> store(TableDefinition table, List<AttributeValue> sortKeys) {
        NavigableMap<byte[], String> store = new TreeMap<>(OrderedBytes.COMPARATOR);
        for (String partition : List.of("a", "b", "ab")) {
            for (AttributeValue sort : sortKeys) {
                store.put(KeyCodec.encode(table.storeId(), new AttributeValue.Str(partition), sort), partition + "/" + label(sort));
            }
        }
        // the neighbouring tables
        store.put(KeyCodec.encode(STORE - 1, new AttributeValue.Str("a"), sortKeys.get(0)), "other table");
        store.put(KeyCodec.encode(STORE + 1, new AttributeValue.Str("a"), sortKeys.get(0)), "other table");
        return store;
    }

    private static String label(AttributeValue v) {
        if (v instanceof AttributeValue.Str s) {
            return s.value();
        }
        if (v instanceof AttributeValue.Num n) {
            return n.text();
        }
        return new String(((AttributeValue.Bin) v).value(), StandardCharsets.ISO_8859_1);
    }

    private static List<String> read(NavigableMap<byte[], String> store, ReadPlan plan) {
        KeyRange r = plan.range();
        if (r.isEmpty()) {
            return List.of();
        }
        NavigableMap<byte[], String> range = r.to() == null ? store.tailMap(r.from(), true) : store.subMap(r.from(), true, r.to(), false);
        return new ArrayList<>((plan.forward() ? range : range.descendingMap()).values());
    }

    private static ReadPlan query(TableDefinition table, String condition, String values, String extra) {
        return ReadPlan.of(ReadRequest.query(json("{'TableName': 'tbl', 'KeyConditionExpression': '" + condition
                + "', 'ExpressionAttributeValues': " + values + extra + "}")), table);
    }

    private static List<AttributeValue> strings(String... values) {
        return java.util.Arrays.stream(values).map(v -> (AttributeValue) new AttributeValue.Str(v)).toList();
    }

    private static List<AttributeValue> numbers(String... values) {
        return java.util.Arrays.stream(values).map(AttributeValue.Num::parse).map(v -> (AttributeValue) v).toList();
    }

    @Test
    void queryWithoutSortConditionReadsTheWholePartitionInSortOrder() {
        TableDefinition table = table(STORE, AttributeValue.Type.N);
        var store = store(table, numbers("-10", "-1.5", "0", "2", "10", "100"));
        assertEquals(List.of("a/-10", "a/-1.5", "a/0", "a/2", "a/10", "a/100"),
                read(store, query(table, "pk = :p", "{':p': {'S': 'a'}}", "")));
    }

    @Test
    void everySortKeyOperatorOnNumbers() {
        TableDefinition table = table(STORE, AttributeValue.Type.N);
        var store = store(table, numbers("-10", "-1.5", "0", "2", "10", "100"));
        String v = "{':p': {'S': 'a'}, ':v': {'N': '2'}}";
        assertEquals(List.of("a/2"), read(store, query(table, "pk = :p and sk = :v", v, "")));
        assertEquals(List.of("a/-10", "a/-1.5", "a/0"), read(store, query(table, "pk = :p and sk < :v", v, "")));
        assertEquals(List.of("a/-10", "a/-1.5", "a/0", "a/2"), read(store, query(table, "pk = :p and sk <= :v", v, "")));
        assertEquals(List.of("a/10", "a/100"), read(store, query(table, "pk = :p and sk > :v", v, "")));
        assertEquals(List.of("a/2", "a/10", "a/100"), read(store, query(table, "pk = :p and sk >= :v", v, "")));
        assertEquals(List.of("a/2", "a/10"), read(store, query(table, "pk = :p and sk between :v and :w",
                "{':p': {'S': 'a'}, ':v': {'N': '2'}, ':w': {'N': '10'}}", "")));
    }

    @Test
    void everySortKeyOperatorOnStringsIncludingBeginsWith() {
        TableDefinition table = table(STORE, AttributeValue.Type.S);
        var store = store(table, strings("a", "ab", "ab\u0000", "ab\u0000c", "abc", "abd", "b", "\u00e9"));
        String v = "{':p': {'S': 'a'}, ':v': {'S': 'ab'}, ':w': {'S': 'abc'}, ':z': {'S': 'ab\\u0000'}}";
        assertEquals(List.of("a/ab", "a/ab\u0000", "a/ab\u0000c", "a/abc", "a/abd"),
                read(store, query(table, "pk = :p and begins_with(sk, :v)", v.replace(", ':w': {'S': 'abc'}, ':z': {'S': 'ab\\u0000'}", ""), "")));
        assertEquals(List.of("a/ab\u0000", "a/ab\u0000c"),
                read(store, query(table, "pk = :p and begins_with(sk, :z)", "{':p': {'S': 'a'}, ':z': {'S': 'ab\\u0000'}}", "")));
        assertEquals(List.of("a/a"), read(store, query(table, "pk = :p and sk < :v", "{':p': {'S': 'a'}, ':v': {'S': 'ab'}}", "")));
        assertEquals(List.of("a/abd", "a/b", "a/\u00e9"),
                read(store, query(table, "pk = :p and sk > :w", "{':p': {'S': 'a'}, ':w': {'S': 'abc'}}", "")));
        assertEquals(List.of("a/ab", "a/ab\u0000", "a/ab\u0000c", "a/abc"),
                read(store, query(table, "pk = :p and sk between :v and :w", "{':p': {'S': 'a'}, ':v': {'S': 'ab'}, ':w': {'S': 'abc'}}", "")));
    }

    @Test
    void binarySortKeysCompareUnsigned() {
        TableDefinition table = table(STORE, AttributeValue.Type.B);
        List<AttributeValue> keys = List.of(new AttributeValue.Bin(new byte[] {0x01}), new AttributeValue.Bin(new byte[] {0x7f}),
                new AttributeValue.Bin(new byte[] {(byte) 0x80}), new AttributeValue.Bin(new byte[] {(byte) 0xff, 0x00}),
                new AttributeValue.Bin(new byte[] {(byte) 0xff, 0x01}));
        var store = store(table, keys);
        // 0x80 = gA==, 0xff = /w==
        assertEquals(List.of("a/\u0080", "a/\u00ff\u0000", "a/\u00ff\u0001"),
                read(store, query(table, "pk = :p and sk >= :v", "{':p': {'S': 'a'}, ':v': {'B': 'gA=='}}", "")));
        assertEquals(List.of("a/\u00ff\u0000", "a/\u00ff\u0001"),
                read(store, query(table, "pk = :p and begins_with(sk, :v)", "{':p': {'S': 'a'}, ':v': {'B': '/w=='}}", "")));
    }

    @Test
    void backwardQueryResumesBeforeTheStartKeyAndForwardAfterIt() {
        TableDefinition table = table(STORE, AttributeValue.Type.N);
        var store = store(table, numbers("1", "2", "3", "4"));
        String start = ", 'ExclusiveStartKey': {'pk': {'S': 'a'}, 'sk': {'N': '3'}}";
        assertEquals(List.of("a/4"), read(store, query(table, "pk = :p", "{':p': {'S': 'a'}}", start)));
        assertEquals(List.of("a/2", "a/1"),
                read(store, query(table, "pk = :p", "{':p': {'S': 'a'}}", start + ", 'ScanIndexForward': false")));
        assertEquals(List.of("a/2", "a/1"), read(store, query(table, "pk = :p and sk < :v",
                "{':p': {'S': 'a'}, ':v': {'N': '4'}}", start + ", 'ScanIndexForward': false")));
    }

    @Test
    void keyConditionIsMatchedToTheSchemaWithDynamoDbsMessages() {
        TableDefinition table = table(STORE, AttributeValue.Type.N);
        TableDefinition hashOnly = table(STORE, null);
        assertEquals("Query condition missed key schema element: pk",
                validation(() -> query(table, "sk = :v", "{':v': {'N': '1'}}", "")));
        assertEquals("Query condition missed key schema element: sk",
                validation(() -> query(table, "pk = :p and x = :v", "{':p': {'S': 'a'}, ':v': {'N': '1'}}", "")));
        assertEquals("Query key condition not supported",
                validation(() -> query(hashOnly, "pk = :p and x = :v", "{':p': {'S': 'a'}, ':v': {'N': '1'}}", "")));
        assertEquals("Query key condition not supported",
                validation(() -> query(table, "pk > :p", "{':p': {'S': 'a'}}", "")));
        assertEquals("Query key condition not supported",
                validation(() -> query(table, "begins_with(pk, :p)", "{':p': {'S': 'a'}}", "")));
        assertEquals("One or more parameter values were invalid: Condition parameter type does not match schema type",
                validation(() -> query(table, "pk = :p", "{':p': {'N': '1'}}", "")));
        assertEquals("One or more parameter values were invalid: Condition parameter type does not match schema type",
                validation(() -> query(table, "pk = :p and sk > :v", "{':p': {'S': 'a'}, ':v': {'S': '1'}}", "")));
        assertEquals("One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an"
                + " empty string value. Key: pk", validation(() -> query(table, "pk = :p", "{':p': {'S': ''}}", "")));
        assertEquals("One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an"
                + " empty string value. Key: sk", validation(() -> query(table(STORE, AttributeValue.Type.S),
                        "pk = :p and begins_with(sk, :v)", "{':p': {'S': 'a'}, ':v': {'S': ''}}", "")));
        assertEquals("Filter Expression can only contain non-primary key attributes: Primary key attribute: sk",
                validation(() -> ReadPlan.of(ReadRequest.query(json("{'TableName': 'tbl', 'KeyConditionExpression': 'pk = :p',"
                        + " 'FilterExpression': 'x = :x or size(sk) > :x', 'ExpressionAttributeValues': {':p': {'S': 'a'},"
                        + " ':x': {'N': '1'}}}")), table)));
        assertEquals("QueryFilter can only contain non-primary key attributes: Primary key attribute: pk",
                validation(() -> ReadPlan.of(ReadRequest.query(json("{'TableName': 'tbl', 'KeyConditions': {'pk':"
                        + " {'ComparisonOperator': 'EQ', 'AttributeValueList': [{'S': 'a'}]}}, 'QueryFilter': {'pk':"
                        + " {'ComparisonOperator': 'NOT_NULL'}}}")), table)));
    }

    @Test
    void keyValuesInAKeyConditionHaveTheKeySizeLimits() {
        TableDefinition table = table(STORE, AttributeValue.Type.S);
        String big = "x".repeat(3000);
        assertEquals("One or more parameter values were invalid: Size of hashkey has exceeded the maximum size limit of2048 bytes",
                validation(() -> query(table, "pk = :p", "{':p': {'S': '" + big + "'}}", "")));
        assertEquals("One or more parameter values were invalid: Aggregated size of all range keys has exceeded the size"
                + " limit of 1024 bytes",
                validation(() -> query(table, "pk = :p and sk > :s", "{':p': {'S': 'a'}, ':s': {'S': '" + big + "'}}", "")));
    }

    @Test
    void startKeyMustBeAKeyOfTheTableInsideTheQuery() {
        TableDefinition table = table(STORE, AttributeValue.Type.N);
        assertEquals("The provided starting key is invalid: The provided key element does not match the schema",
                validation(() -> query(table, "pk = :p", "{':p': {'S': 'a'}}", ", 'ExclusiveStartKey': {'pk': {'S': 'a'}}")));
        assertEquals("The provided starting key is invalid: The provided key element does not match the schema",
                validation(() -> query(table, "pk = :p", "{':p': {'S': 'a'}}",
                        ", 'ExclusiveStartKey': {'pk': {'S': 'a'}, 'sk': {'S': '1'}}")));
        assertEquals("The provided starting key is outside query boundaries based on provided conditions",
                validation(() -> query(table, "pk = :p", "{':p': {'S': 'a'}}",
                        ", 'ExclusiveStartKey': {'pk': {'S': 'b'}, 'sk': {'N': '1'}}")));
        assertEquals("The provided starting key does not match the range key predicate",
                validation(() -> query(table, "pk = :p and sk > :v", "{':p': {'S': 'a'}, ':v': {'N': '2'}}",
                        ", 'ExclusiveStartKey': {'pk': {'S': 'a'}, 'sk': {'N': '1'}}")));
    }

    @Test
    void scanReadsExactlyItsTable() {
        TableDefinition table = table(STORE, AttributeValue.Type.N);
        var store = store(table, numbers("1", "2"));
        List<String> all = read(store, ReadPlan.of(ReadRequest.scan(json("{'TableName': 'tbl'}")), table));
        assertEquals(6, all.size());
        assertTrue(all.stream().noneMatch(s -> s.equals("other table")));
    }

    @Test
    void parallelScanSegmentsAreContiguousDisjointAndCoverTheTable() {
        byte[] table = KeyCodec.tablePrefix(STORE);
        for (int total : new int[] {1, 2, 3, 4, 16, 1000, 65536, 70000, 1_000_000}) {
            byte[] expectedFrom = new byte[] {0, 0, 0, 0, 0, 0, 0, 7, 0, 0};
            KeyRange first = ReadPlan.segmentRange(table, 0, total);
            assertArrayEquals(expectedFrom, first.from());
            byte[] previousTo = first.from();
            for (int segment = 0; segment < Math.min(total, 70000); segment++) {
                KeyRange range = ReadPlan.segmentRange(table, segment, total);
                assertArrayEquals(previousTo, range.from(), "segment " + segment + " of " + total);
                previousTo = range.to();
            }
            if (total <= 70000) {
                assertArrayEquals(KeyRange.successor(table), previousTo, "end of " + total);
            }
        }
    }

    @Test
    void everyPartitionFallsInExactlyOneSegment() {
        TableDefinition table = table(STORE, null);
        int total = 16;
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            AttributeValue pk = new AttributeValue.Str("p" + i);
            byte[] key = KeyCodec.encode(STORE, pk, null);
            int owners = 0;
            for (int s = 0; s < total; s++) {
                if (ReadPlan.segmentRange(KeyCodec.tablePrefix(STORE), s, total).contains(key)) {
                    owners++;
                }
            }
            assertEquals(1, owners, "p" + i);
            seen.add("p" + i);
        }
        assertEquals(2000, seen.size());
    }

    @Test
    void scanStartKeyMustLieInTheSegment() {
        TableDefinition table = table(STORE, null);
        AttributeValue pk = new AttributeValue.Str("x");
        int hash = KeyCodec.partitionHash(pk);
        int segment = (int) ((long) hash * 4 / 65536);
        int other = (segment + 1) % 4;
        String request = "{'TableName': 'tbl', 'TotalSegments': 4, 'Segment': %d, 'ExclusiveStartKey': {'pk': {'S': 'x'}}}";
        ReadPlan plan = ReadPlan.of(ReadRequest.scan(json(request.formatted(segment))), table);
        assertArrayEquals(KeyRange.after(KeyCodec.encode(STORE, pk, null)), plan.range().from());
        assertEquals("Exclusive start key must lie within the segment",
                validation(() -> ReadPlan.of(ReadRequest.scan(json(request.formatted(other))), table)));
    }

    @Test
    void successorOfAPrefixSkipsTrailingFfBytes() {
        assertArrayEquals(new byte[] {1, 3}, KeyRange.successor(new byte[] {1, 2}));
        assertArrayEquals(new byte[] {2}, KeyRange.successor(new byte[] {1, (byte) 0xff}));
        assertNull(KeyRange.successor(new byte[] {(byte) 0xff, (byte) 0xff}));
    }
}
