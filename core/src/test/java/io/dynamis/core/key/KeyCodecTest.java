package io.dynamis.core.key;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dynamis.core.model.AttributeValue;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Storage keys: {@code storeId | hash16 | partition key | sort key}. Random cases come from fixed seeds,
 * so failures reproduce.
 */
class KeyCodecTest {

    private static final long STORE = 42;
    private static final AttributeValue PK = AttributeValue.s("customer#17");

    // ---------------------------------------------------------------- layout

    @Test
    void layoutIsStoreIdThenHashThenComponents() {
        // Pinned so that any change to the stored layout (or the hash) is a deliberate one.
        assertEquals("0000000000000007" + "f36c" + "610001" + "0380000002050300",
                hex(KeyCodec.encode(7, AttributeValue.s("a"), AttributeValue.n(42))));
        assertEquals("0000000000000007f36c610001", hex(KeyCodec.encode(7, AttributeValue.s("a"), null)));
        assertEquals("0000000000000007", hex(KeyCodec.tablePrefix(7)));
    }

    @Test
    void partitionHashIsStable() {
        assertEquals(62316, KeyCodec.partitionHash(AttributeValue.s("a")));
        assertEquals(38819, KeyCodec.partitionHash(AttributeValue.s("user#1")));
        assertEquals(34380, KeyCodec.partitionHash(AttributeValue.s("")));
        assertEquals(46152, KeyCodec.partitionHash(AttributeValue.n(42)));
        assertEquals(31307, KeyCodec.partitionHash(AttributeValue.b(new byte[] {1, 2, 3})));
    }

    @Test
    void partitionHashIsTheTwoBytesAfterTheStoreId() {
        Random random = new Random(7);
        for (int i = 0; i < 200; i++) {
            AttributeValue pk = randomKeyValue(random);
            byte[] key = KeyCodec.partitionPrefix(STORE, pk);
            int hash = ((key[8] & 0xff) << 8) | (key[9] & 0xff);
            assertEquals(KeyCodec.partitionHash(pk), hash);
        }
    }

    @Test
    void equalKeyValuesGiveEqualStorageKeys() {
        assertArrayEquals(KeyCodec.encode(1, AttributeValue.n("1.0"), AttributeValue.n("2.50")),
                KeyCodec.encode(1, AttributeValue.n("1"), AttributeValue.n("2.5")));
        assertEquals(KeyCodec.partitionHash(AttributeValue.n("100")), KeyCodec.partitionHash(AttributeValue.n("1E2")));
    }

    @Test
    void stringAndBinaryWithTheSameBytesShareAnEncoding() {
        // Harmless, as one table's key attribute has one type; documented here so it is not a surprise.
        assertArrayEquals(KeyCodec.partitionPrefix(1, AttributeValue.s("ab")),
                KeyCodec.partitionPrefix(1, AttributeValue.b("ab".getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void onlyScalarKeyTypesCanBeEncoded() {
        assertThrows(IllegalArgumentException.class, () -> KeyCodec.encode(1, AttributeValue.bool(true), null));
        assertThrows(IllegalArgumentException.class, () -> KeyCodec.encode(1, PK, AttributeValue.nul()));
    }

    // ---------------------------------------------------------------- prefixes

    @Test
    void itemsOfOnePartitionShareThePartitionPrefix() {
        Random random = new Random(1);
        byte[] prefix = KeyCodec.partitionPrefix(STORE, PK);
        for (int i = 0; i < 500; i++) {
            byte[] key = KeyCodec.encode(STORE, PK, randomKeyValue(random));
            assertTrue(startsWith(key, prefix), () -> hex(key));
        }
    }

    @Test
    void differentTablesNeverShareAPrefix() {
        Random random = new Random(2);
        for (int i = 0; i < 500; i++) {
            AttributeValue pk = randomKeyValue(random);
            AttributeValue sk = randomKeyValue(random);
            long a = random.nextInt(1000);
            long b = a + 1 + random.nextInt(1000);
            byte[] keyA = KeyCodec.encode(a, pk, sk);
            byte[] keyB = KeyCodec.encode(b, pk, sk);
            assertFalse(startsWith(keyB, KeyCodec.partitionPrefix(a, pk)));
            assertFalse(startsWith(keyA, KeyCodec.partitionPrefix(b, pk)));
            assertFalse(startsWith(keyB, KeyCodec.tablePrefix(a)));
            assertTrue(OrderedBytes.compare(keyA, keyB) < 0, "lower store ids sort first");
        }
    }

    @Test
    void tableKeysLieBetweenItsPrefixAndTheNextTablesPrefix() {
        Random random = new Random(3);
        for (long store : new long[] {0, 1, 255, 256, 65_535, 1L << 40, Long.MAX_VALUE - 1}) {
            byte[] low = KeyCodec.tablePrefix(store);
            byte[] high = KeyCodec.tablePrefix(store + 1);
            assertTrue(OrderedBytes.compare(low, high) < 0, () -> "store " + store);
            for (int i = 0; i < 200; i++) {
                AttributeValue sk = random.nextInt(5) == 0 ? null : randomKeyValue(random);
                byte[] key = KeyCodec.encode(store, randomKeyValue(random), sk);
                assertTrue(OrderedBytes.compare(low, key) < 0, () -> hex(key));
                assertTrue(OrderedBytes.compare(key, high) < 0, () -> hex(key));
            }
        }
    }

    @Test
    void partitionsNeverInterleave() {
        Random random = new Random(4);
        List<String> partitions = List.of("a", "ab", "b", "", "\u0000", "é", "a\u0000");
        List<byte[]> keys = new ArrayList<>();
        List<String> owner = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            String p = partitions.get(random.nextInt(partitions.size()));
            keys.add(KeyCodec.encode(STORE, AttributeValue.s(p), randomString(random)));
            owner.add(p);
        }
        Integer[] order = sortedIndexes(keys);
        Set<String> finished = new HashSet<>();
        for (int i = 1; i < order.length; i++) {
            String previous = owner.get(order[i - 1]);
            String current = owner.get(order[i]);
            if (!previous.equals(current)) {
                assertTrue(finished.add(previous));
                assertFalse(finished.contains(current), () -> "partition '" + current + "' is split");
            }
        }
    }

    /**
     * A partition key that is a byte prefix of another, with the same 16-bit hash: only the
     * self-delimiting component encoding keeps the two partitions apart.
     */
    @Test
    void partitionPrefixDoesNotMatchALongerKeyWithTheSameHash() {
        AttributeValue shorter = AttributeValue.s("a");
        AttributeValue longer = null;
        for (int i = 0; longer == null; i++) {
            AttributeValue candidate = AttributeValue.s("a" + i);
            if (KeyCodec.partitionHash(candidate) == KeyCodec.partitionHash(shorter)) {
                longer = candidate;
            }
        }
        byte[] prefix = KeyCodec.partitionPrefix(STORE, shorter);
        Random random = new Random(5);
        for (int i = 0; i < 200; i++) {
            byte[] key = KeyCodec.encode(STORE, longer, randomKeyValue(random));
            assertFalse(startsWith(key, prefix), () -> hex(key));
            assertTrue(OrderedBytes.compare(key, prefix) > 0);
        }
        AttributeValue finalLonger = longer;
        assertNotEquals(0, OrderedBytes.compare(prefix, KeyCodec.partitionPrefix(STORE, finalLonger)));
    }

    // ---------------------------------------------------------------- order within a partition

    @Test
    void numberSortKeysSortNumerically() {
        assertSortKeyOrder(new Random(10), KeyCodecTest::randomNumber,
                Comparator.comparing(v -> ((AttributeValue.Num) v).value()));
    }

    @Test
    void handPickedNumbersSortNumerically() {
        String[] ascending = {"-9.9999999999999999999999999999999999999E+125", "-1000", "-10", "-2", "-1.5", "-1",
            "-0.1", "-1E-130", "0", "1E-130", "0.001", "0.01", "0.1", "1", "1.01", "1.1", "2", "10", "100", "101",
            "9.9999999999999999999999999999999999999E+125"};
        for (int i = 1; i < ascending.length; i++) {
            byte[] lower = KeyCodec.encode(STORE, PK, AttributeValue.n(ascending[i - 1]));
            byte[] higher = KeyCodec.encode(STORE, PK, AttributeValue.n(ascending[i]));
            int index = i;
            assertTrue(OrderedBytes.compare(lower, higher) < 0, () -> ascending[index - 1] + " vs " + ascending[index]);
        }
    }

    @Test
    void stringSortKeysSortByUtf8Bytes() {
        assertSortKeyOrder(new Random(11), KeyCodecTest::randomString,
                (x, y) -> Arrays.compareUnsigned(utf8(x), utf8(y)));
    }

    @Test
    void binarySortKeysSortAsUnsignedBytes() {
        assertSortKeyOrder(new Random(12), KeyCodecTest::randomBinary,
                (x, y) -> Arrays.compareUnsigned(((AttributeValue.Bin) x).value(), ((AttributeValue.Bin) y).value()));
        byte[] low = KeyCodec.encode(STORE, PK, AttributeValue.b(new byte[] {0x7f}));
        byte[] high = KeyCodec.encode(STORE, PK, AttributeValue.b(new byte[] {(byte) 0x80}));
        assertTrue(OrderedBytes.compare(low, high) < 0, "0x80 is above 0x7F, not negative");
    }

    // ---------------------------------------------------------------- helpers

    private static void assertSortKeyOrder(Random random, Function<Random, AttributeValue> generator,
            Comparator<AttributeValue> expected) {
        for (int i = 0; i < 5_000; i++) {
            AttributeValue x = generator.apply(random);
            AttributeValue y = random.nextInt(5) == 0 ? x : generator.apply(random);
            int want = Integer.signum(expected.compare(x, y));
            int got = Integer.signum(OrderedBytes.compare(KeyCodec.encode(STORE, PK, x), KeyCodec.encode(STORE, PK, y)));
            assertEquals(want, got, () -> x + " vs " + y);
        }
    }

    private static AttributeValue randomKeyValue(Random random) {
        return switch (random.nextInt(3)) {
            case 0 -> randomString(random);
            case 1 -> randomNumber(random);
            default -> randomBinary(random);
        };
    }

    private static final int[] CODE_POINTS = {0x00, 0x01, 'A', 'a', 'z', 0x7f, 0xe9, 0x7ff, 0x800, 0xff61, 0xfffd,
        0x10000, 0x1f600, 0x10ffff};

    private static AttributeValue randomString(Random random) {
        StringBuilder s = new StringBuilder();
        int length = random.nextInt(6);
        for (int i = 0; i < length; i++) {
            s.appendCodePoint(CODE_POINTS[random.nextInt(CODE_POINTS.length)]);
        }
        return AttributeValue.s(s.toString());
    }

    /** Up to 38 digits, exponent across DynamoDB's range or near 1, either sign, sometimes zero. */
    private static AttributeValue randomNumber(Random random) {
        if (random.nextInt(20) == 0) {
            return AttributeValue.n(0);
        }
        int digits = 1 + random.nextInt(random.nextBoolean() ? 3 : 38);
        BigInteger unscaled = new BigInteger(digits * 4, random).mod(BigInteger.TEN.pow(digits)).add(BigInteger.ONE);
        int exponent = random.nextBoolean() ? random.nextInt(7) - 3 : random.nextInt(250) - 128;
        BigDecimal value = new BigDecimal(unscaled, digits - exponent);
        if (random.nextBoolean()) {
            value = value.negate();
        }
        return new AttributeValue.Num(value);
    }

    private static AttributeValue randomBinary(Random random) {
        byte[] value = new byte[random.nextInt(6)];
        for (int i = 0; i < value.length; i++) {
            int kind = random.nextInt(4);
            value[i] = (byte) (kind == 0 ? 0x00 : kind == 1 ? 0xff : random.nextInt(256));
        }
        return AttributeValue.b(value);
    }

    private static Integer[] sortedIndexes(List<byte[]> keys) {
        Integer[] order = new Integer[keys.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> OrderedBytes.compare(keys.get(a), keys.get(b)));
        return order;
    }

    private static byte[] utf8(AttributeValue s) {
        return ((AttributeValue.Str) s).value().getBytes(StandardCharsets.UTF_8);
    }

    private static boolean startsWith(byte[] value, byte[] prefix) {
        return value.length >= prefix.length && Arrays.equals(value, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
