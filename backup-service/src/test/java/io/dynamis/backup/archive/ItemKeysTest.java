package io.dynamis.backup.archive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.dynamis.core.model.AttributeValue;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ItemKeysTest {

    @Test
    void anItemHasOneIdentityWhateverTheOrderOfItsKeysAndTheSpellingOfItsNumbers() {
        Map<String, AttributeValue> a = new LinkedHashMap<>();
        a.put("pk", new AttributeValue.Str("x"));
        a.put("sk", new AttributeValue.Num(new BigDecimal("1.50")));
        Map<String, AttributeValue> b = new LinkedHashMap<>();
        b.put("sk", new AttributeValue.Num(new BigDecimal("1.5")));
        b.put("pk", new AttributeValue.Str("x"));
        assertArrayEquals(ItemKeys.of(7, a), ItemKeys.of(7, b));
    }

    @Test
    void differentItemsAndDifferentTablesHaveDifferentIdentities() {
        Map<String, AttributeValue> a = Map.of("pk", new AttributeValue.Str("x"));
        Map<String, AttributeValue> b = Map.of("pk", new AttributeValue.Str("y"));
        assertFalse(Arrays.equals(ItemKeys.of(7, a), ItemKeys.of(7, b)));
        assertFalse(Arrays.equals(ItemKeys.of(7, a), ItemKeys.of(8, a)));
    }
}
