package io.dynamis.core.item;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dynamis.core.model.AttributeValue;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Item sizes computed by hand from DynamoDB's rules. */
class ItemSizeTest {

    @Test
    void attributeNamesCountTheirUtf8Bytes() {
        assertEquals(2 + 3, ItemSize.of(Map.of("id", AttributeValue.s("abc"))));
        assertEquals(2 + 1, ItemSize.of(Map.of("ñ", AttributeValue.bool(true)))); // ñ is 2 bytes
        assertEquals(0, ItemSize.of(Map.of()));
    }

    @Test
    void stringsCountUtf8BytesNotChars() {
        assertEquals(0, ItemSize.of(AttributeValue.s("")));
        assertEquals(6, ItemSize.of(AttributeValue.s("héllo")));    // é: 2 bytes
        assertEquals(3, ItemSize.of(AttributeValue.s("€")));        // U+20AC: 3 bytes
        assertEquals(4, ItemSize.of(AttributeValue.s("\uD83D\uDE00"))); // one emoji, two chars: 4 bytes
        assertEquals(1 + 2 + 3 + 4, ItemSize.of(AttributeValue.s("aé€\uD83D\uDE00")));
    }

    @Test
    void numbersCostOneBytePerTwoSignificantDigitsPlusOne() {
        assertEquals(2, ItemSize.of(AttributeValue.n("0")));
        assertEquals(2, ItemSize.of(AttributeValue.n("7")));
        assertEquals(2, ItemSize.of(AttributeValue.n("-1.5")));
        assertEquals(2, ItemSize.of(AttributeValue.n("100")));        // one significant digit
        assertEquals(2, ItemSize.of(AttributeValue.n("0.0001")));     // leading zeros are free
        assertEquals(4, ItemSize.of(AttributeValue.n("12345")));      // 3 + 1
        assertEquals(20, ItemSize.of(AttributeValue.n("12345678901234567890123456789012345678"))); // 19 + 1
    }

    @Test
    void scalarsBinariesAndSets() {
        assertEquals(3, ItemSize.of(AttributeValue.b(new byte[] {0, 1, 2})));
        assertEquals(1, ItemSize.of(AttributeValue.bool(false)));
        assertEquals(1, ItemSize.of(AttributeValue.nul()));
        assertEquals(1 + 2, ItemSize.of(new AttributeValue.StrSet(List.of("a", "bc"))));
        assertEquals(2 + 2, ItemSize.of(new AttributeValue.NumSet(List.of(BigDecimal.ONE, new BigDecimal("23")))));
        assertEquals(2 + 1, ItemSize.of(new AttributeValue.BinSet(List.of(new byte[] {1, 2}, new byte[] {3}))));
    }

    @Test
    void mapsAndListsCostThreeBytesPlusOnePerElement() {
        assertEquals(3, ItemSize.of(new AttributeValue.MapValue(Map.of())));
        assertEquals(3, ItemSize.of(new AttributeValue.ListValue(List.of())));
        Map<String, AttributeValue> members = new LinkedHashMap<>();
        members.put("a", AttributeValue.s("x"));   // 1 + 1 + 1
        members.put("bb", AttributeValue.n(1));    // 1 + 2 + 2
        assertEquals(3 + 3 + 5, ItemSize.of(new AttributeValue.MapValue(members)));
        assertEquals(3 + (1 + 2) + (1 + 1),
                ItemSize.of(new AttributeValue.ListValue(List.of(AttributeValue.s("xy"), AttributeValue.bool(true)))));
    }

    @Test
    void nestedDocumentsAddTheirOverheadAtEveryLevel() {
        AttributeValue inner = new AttributeValue.ListValue(List.of(AttributeValue.s("abc")));   // 3 + 1 + 3 = 7
        AttributeValue outer = new AttributeValue.MapValue(Map.of("k", inner));                  // 3 + 1 + 1 + 7 = 12
        AttributeValue list = new AttributeValue.ListValue(List.of(outer, new AttributeValue.MapValue(Map.of())));
        assertEquals(3 + (1 + 12) + (1 + 3), ItemSize.of(list));
        assertEquals(3 + 20, ItemSize.of(Map.of("doc", list)));
    }

    @Test
    void wholeItemAddsNamesAndValues() {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put("id", AttributeValue.s("abc"));                                      // 2 + 3
        item.put("n", AttributeValue.n("12345"));                                     // 1 + 4
        item.put("flag", AttributeValue.bool(true));                                  // 4 + 1
        item.put("l", new AttributeValue.ListValue(List.of(AttributeValue.s("xy")))); // 1 + 3 + 1 + 2
        assertEquals(5 + 5 + 5 + 7, ItemSize.of(item));
    }
}
