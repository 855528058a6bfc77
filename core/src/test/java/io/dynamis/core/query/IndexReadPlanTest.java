package io.dynamis.core.query;

import static io.dynamis.core.query.Fixtures.json;
import static io.dynamis.core.query.Fixtures.validation;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dynamis.core.key.KeyCodec;
import io.dynamis.core.key.OrderedBytes;
import io.dynamis.core.model.AttributeValue;
import io.dynamis.core.table.IndexDefinition;
import io.dynamis.core.table.KeyAttribute;
import io.dynamis.core.table.PrimaryKeySchema;
import io.dynamis.core.table.TableDefinition;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Index entries (index key, then table key) and the ranges an index read covers: every entry of an index
 * key is inside a bound that stops at that key, and outside a bound that stops before it.
 */
class IndexReadPlanTest {

    private static final long INDEX = 3;
    private static final PrimaryKeySchema TABLE = new PrimaryKeySchema(new KeyAttribute("pk", AttributeValue.Type.S),
            new KeyAttribute("sk", AttributeValue.Type.N));
    private static final PrimaryKeySchema BY_COLOR = new PrimaryKeySchema(
            new KeyAttribute("color", AttributeValue.Type.S), new KeyAttribute("weight", AttributeValue.Type.N));
    /** Table tbl (pk, sk) with the global index byColor (color, weight), read from store {@link #INDEX}. */
    private static final TableDefinition TABLE_DEFINITION = new TableDefinition("tbl", "id", 1, 0, TABLE,
            List.of(TABLE.partitionKey(), TABLE.sortKey()), TableDefinition.PAY_PER_REQUEST, 0, 0, "ACTIVE", null,
            List.of(new IndexDefinition("byColor", true, BY_COLOR, IndexDefinition.ALL, List.of(), 0, 0, "ACTIVE")));

    private static AttributeValue s(String value) {
        return new AttributeValue.Str(value);
    }

    private static AttributeValue n(long value) {
        return new AttributeValue.Num(new BigDecimal(value));
    }

    /** Entries of colors red and redder with weights 1..3, each for table keys a/1, a/2 and b/1, labelled. */
    private static NavigableMap<byte[], String> entries() {
        NavigableMap<byte[], String> entries = new TreeMap<>(OrderedBytes.COMPARATOR);
        for (String color : List.of("red", "redder")) {
            for (long weight = 1; weight <= 3; weight++) {
                for (String table : List.of("a1", "a2", "b1")) {
                    byte[] key = KeyCodec.encodeGlobalIndexEntry(INDEX, s(color), n(weight), s(table.substring(0, 1)),
                            n(Long.parseLong(table.substring(1))));
                    entries.put(key, color + weight + table);
                }
            }
        }
        entries.put(KeyCodec.encodeGlobalIndexEntry(INDEX + 1, s("red"), n(1), s("a"), n(1)), "other index");
        return entries;
    }

    private static List<String> read(String condition, String more) {
        ReadRequest request = ReadRequest.query(json("{'TableName': 'tbl', 'IndexName': 'byColor',"
                + " 'KeyConditionExpression': '" + condition + "', 'ExpressionAttributeValues': {" + values(condition + more)
                + "}" + more + "}"));
        KeyRange range = ReadPlan.of(request, ReadTarget.resolve(request, TABLE_DEFINITION).inStore(INDEX)).range();
        NavigableMap<byte[], String> entries = entries();
        return new ArrayList<>((range.to() == null ? entries.tailMap(range.from(), true)
                : entries.subMap(range.from(), true, range.to(), false)).values());
    }

    /** The values the request uses, so none is left unused. */
    private static String values(String text) {
        List<String> values = new ArrayList<>();
        values.add("':c': {'S': 'red'}");
        if (text.contains(":w")) {
            values.add("':w': {'N': '2'}");
        }
        if (text.contains(":hi")) {
            values.add("':hi': {'N': '3'}");
        }
        return String.join(", ", values);
    }

    @Test
    void entriesOfOneIndexKeyAreOrderedByTableKey() {
        assertEquals(List.of("red2a1", "red2a2", "red2b1"), read("color = :c AND weight = :w", ""));
    }

    @Test
    void boundsAtAnIndexKeyIncludeOrExcludeAllItsEntries() {
        assertEquals(List.of("red1a1", "red1a2", "red1b1", "red2a1", "red2a2", "red2b1"),
                read("color = :c AND weight <= :w", ""));
        assertEquals(List.of("red1a1", "red1a2", "red1b1"), read("color = :c AND weight < :w", ""));
        assertEquals(List.of("red3a1", "red3a2", "red3b1"), read("color = :c AND weight > :w", ""));
        assertEquals(6, read("color = :c AND weight >= :w", "").size());
        assertEquals(List.of("red2a1", "red2a2", "red2b1", "red3a1", "red3a2", "red3b1"),
                read("color = :c AND weight BETWEEN :w AND :hi", ""));
        assertEquals(9, read("color = :c", "").size());
    }

    @Test
    void theStartKeyIsAnIndexKeyAndATableKey() {
        assertEquals(List.of("red2b1", "red3a1", "red3a2", "red3b1"), read("color = :c AND weight >= :w",
                ", 'ExclusiveStartKey': {'color': {'S': 'red'}, 'weight': {'N': '2'}, 'pk': {'S': 'a'}, 'sk': {'N': '2'}}"));
        assertEquals("The provided starting key is invalid: The provided key element does not match the schema",
                validation(() -> read("color = :c", ", 'ExclusiveStartKey': {'color': {'S': 'red'}, 'weight': {'N': '2'}}")));
        assertEquals("The provided starting key is outside query boundaries based on provided conditions",
                validation(() -> read("color = :c", ", 'ExclusiveStartKey': {'color': {'S': 'blue'}, 'weight': {'N': '2'},"
                        + " 'pk': {'S': 'a'}, 'sk': {'N': '2'}}")));
    }

    @Test
    void aFilterOnAnIndexKeyIsRefused() {
        assertEquals("Filter Expression can only contain non-primary key attributes: Primary key attribute: weight",
                validation(() -> read("color = :c", ", 'FilterExpression': 'weight > :w'")));
    }

    @Test
    void theEntryKeyStartsWithTheIndexKeyEncodedAsATableKey() {
        byte[] entry = KeyCodec.encodeGlobalIndexEntry(INDEX, s("red"), n(1), s("a"), n(1));
        byte[] indexKey = KeyCodec.encode(INDEX, s("red"), n(1));
        assertEquals(0, OrderedBytes.COMPARATOR.compare(indexKey, java.util.Arrays.copyOf(entry, indexKey.length)));
    }
}
