package io.dynamis.query.gsi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.dynamis.core.model.AttributeValue;
import io.dynamis.core.table.IndexDefinition;
import io.dynamis.core.table.KeyAttribute;
import io.dynamis.core.table.PrimaryKeySchema;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What an index keeps of an item, and which items it keeps at all. */
class GsiProjectionTest {

    private static final PrimaryKeySchema TABLE = new PrimaryKeySchema(new KeyAttribute("pk", AttributeValue.Type.S),
            new KeyAttribute("sk", AttributeValue.Type.N));
    private static final PrimaryKeySchema BY_COLOR = new PrimaryKeySchema(
            new KeyAttribute("color", AttributeValue.Type.S), new KeyAttribute("weight", AttributeValue.Type.N));

    private static final Map<String, AttributeValue> ITEM = Map.of("pk", s("a"), "sk", n(1), "color", s("red"),
            "weight", n(2), "price", n(10), "note", s("x"));

    private static AttributeValue s(String value) {
        return new AttributeValue.Str(value);
    }

    private static AttributeValue n(long value) {
        return new AttributeValue.Num(new BigDecimal(value));
    }

    private static IndexDefinition index(String type, List<String> include) {
        return new IndexDefinition("byColor", true, BY_COLOR, type, include, 0, 0, "ACTIVE");
    }

    @Test
    void allKeepsTheWholeItem() {
        assertEquals(ITEM, GsiProjection.project(index(IndexDefinition.ALL, null), TABLE, ITEM));
    }

    @Test
    void keysOnlyKeepsTheTableKeyAndTheIndexKey() {
        assertEquals(Map.of("pk", s("a"), "sk", n(1), "color", s("red"), "weight", n(2)),
                GsiProjection.project(index(IndexDefinition.KEYS_ONLY, null), TABLE, ITEM));
    }

    @Test
    void includeAddsTheNamedAttributesTheItemHas() {
        assertEquals(Map.of("pk", s("a"), "sk", n(1), "color", s("red"), "weight", n(2), "price", n(10)),
                GsiProjection.project(index(IndexDefinition.INCLUDE, List.of("price", "missing")), TABLE, ITEM));
    }

    @Test
    void anItemWithoutTheWholeIndexKeyIsNotIndexed() {
        assertEquals(new GsiProjection.IndexKey(List.of(s("red")), List.of(n(2))), GsiProjection.indexKey(BY_COLOR, ITEM));
        assertNull(GsiProjection.indexKey(BY_COLOR, Map.of("pk", s("a"), "sk", n(1), "color", s("red"))));
        assertNull(GsiProjection.indexKey(BY_COLOR, Map.of("pk", s("a"), "sk", n(1), "weight", n(2))));
        assertNull(GsiProjection.indexKey(BY_COLOR, Map.of("color", n(1), "weight", n(2))));
        assertNull(GsiProjection.indexKey(BY_COLOR, null));
    }

    /**
     * An item written before its index existed may hold a value no index key may have: DynamoDB's backfill
     * leaves it out of the index (an index key violation) rather than failing, so does the index here.
     */
    @Test
    void anItemWhoseIndexKeyValueBreaksTheKeyRulesIsNotIndexed() {
        PrimaryKeySchema byNote = new PrimaryKeySchema(new KeyAttribute("note", AttributeValue.Type.S),
                new KeyAttribute("color", AttributeValue.Type.S));
        assertNull(GsiProjection.indexKey(byNote, Map.of("note", s("x".repeat(2049)), "color", s("red"))),
                "partition value over 2048 bytes");
        assertEquals(new GsiProjection.IndexKey(List.of(s("x".repeat(2048))), List.of(s("c".repeat(1024)))),
                GsiProjection.indexKey(byNote, Map.of("note", s("x".repeat(2048)), "color", s("c".repeat(1024)))));
        assertNull(GsiProjection.indexKey(byNote, Map.of("note", s("x"), "color", s("c".repeat(1025)))),
                "sort value over 1024 bytes");
        assertNull(GsiProjection.indexKey(byNote, Map.of("note", s(""), "color", s("red"))), "empty partition value");
        assertNull(GsiProjection.indexKey(byNote, Map.of("note", s("x"), "color", s(""))), "empty sort value");
    }

    private static final PrimaryKeySchema BY_COLOR_AND_NOTE = PrimaryKeySchema.of(
            List.of(new KeyAttribute("color", AttributeValue.Type.S), new KeyAttribute("note", AttributeValue.Type.S)),
            List.of(new KeyAttribute("weight", AttributeValue.Type.N), new KeyAttribute("price", AttributeValue.Type.N)));

    @Test
    void aMultiAttributeKeyHoldsEveryKeyAttributeInKeySchemaOrder() {
        assertEquals(new GsiProjection.IndexKey(List.of(s("red"), s("x")), List.of(n(2), n(10))),
                GsiProjection.indexKey(BY_COLOR_AND_NOTE, ITEM));
    }

    @Test
    void anItemMissingAnyAttributeOfAMultiAttributeKeyIsNotIndexed() {
        for (String missing : List.of("color", "note", "weight", "price")) {
            Map<String, AttributeValue> item = new java.util.HashMap<>(ITEM);
            item.remove(missing);
            assertNull(GsiProjection.indexKey(BY_COLOR_AND_NOTE, item), missing);
        }
    }

    @Test
    void keysOnlyOfAMultiAttributeKeyKeepsEveryKeyAttribute() {
        IndexDefinition index = new IndexDefinition("multi", true, BY_COLOR_AND_NOTE, IndexDefinition.KEYS_ONLY, null,
                0, 0, "ACTIVE");
        assertEquals(Map.of("pk", s("a"), "sk", n(1), "color", s("red"), "note", s("x"), "weight", n(2), "price", n(10)),
                GsiProjection.project(index, TABLE, ITEM));
    }
}
