package io.dynamis.it;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Short ways to write attribute values and items in tests. */
final class Items {

    private Items() {
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(String value) {
        return AttributeValue.fromN(value);
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    static AttributeValue b(String utf8) {
        return AttributeValue.fromB(SdkBytes.fromString(utf8, StandardCharsets.UTF_8));
    }

    static AttributeValue bool(boolean value) {
        return AttributeValue.fromBool(value);
    }

    static AttributeValue nul() {
        return AttributeValue.fromNul(true);
    }

    static AttributeValue ss(String... values) {
        return AttributeValue.fromSs(Arrays.asList(values));
    }

    static AttributeValue ns(String... values) {
        return AttributeValue.fromNs(Arrays.asList(values));
    }

    static AttributeValue bs(String... utf8) {
        return AttributeValue.fromBs(Arrays.stream(utf8).map(v -> SdkBytes.fromString(v, StandardCharsets.UTF_8)).toList());
    }

    static AttributeValue l(AttributeValue... values) {
        return AttributeValue.fromL(List.of(values));
    }

    /** A map value from alternating names and values. */
    static AttributeValue m(Object... namesAndValues) {
        return AttributeValue.fromM(item(namesAndValues));
    }

    /** An item (or key, or value map) from alternating names and values, in that order. */
    static Map<String, AttributeValue> item(Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values come in pairs");
        }
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            item.put((String) namesAndValues[i], (AttributeValue) namesAndValues[i + 1]);
        }
        return item;
    }

    /** The key of a table made by {@link Tables#createHashTable} with a string key. */
    static Map<String, AttributeValue> key(String pk) {
        return Map.of("pk", AttributeValue.fromS(pk));
    }

    /** A string of that many ASCII characters (so, bytes). */
    static String chars(int count) {
        return "x".repeat(count);
    }

    /** Equal items, ignoring the order of set members (sets have none) and of map entries. */
    static void assertSameItem(Map<String, AttributeValue> expected, Map<String, AttributeValue> actual) {
        org.junit.jupiter.api.Assertions.assertEquals(normalized(expected), normalized(actual));
    }

    static Map<String, AttributeValue> normalized(Map<String, AttributeValue> item) {
        if (item == null) {
            return null;
        }
        Map<String, AttributeValue> sorted = new java.util.TreeMap<>();
        item.forEach((k, v) -> sorted.put(k, normalized(v)));
        return sorted;
    }

    static AttributeValue normalized(AttributeValue value) {
        if (value.hasSs()) {
            return AttributeValue.fromSs(value.ss().stream().sorted().toList());
        }
        if (value.hasNs()) {
            return AttributeValue.fromNs(value.ns().stream()
                    .sorted(java.util.Comparator.comparing(java.math.BigDecimal::new)).toList());
        }
        if (value.hasBs()) {
            return AttributeValue.fromBs(value.bs().stream()
                    .sorted(java.util.Comparator.comparing(SdkBytes::asByteBuffer)).toList());
        }
        if (value.hasM()) {
            return AttributeValue.fromM(normalized(value.m()));
        }
        if (value.hasL()) {
            return AttributeValue.fromL(value.l().stream().map(Items::normalized).toList());
        }
        return value;
    }
}
