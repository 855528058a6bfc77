package io.dynamis.core.key;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Property tests for {@link OrderedBytes}: random cases from fixed seeds (so failures reproduce) plus
 * hand-picked edge cases.
 */
class OrderedBytesTest {

    private static final int CASES = 20_000;

    /** Largest DynamoDB number: 38 nines, magnitude just below 1E+126. */
    private static final String MAX = "9.9999999999999999999999999999999999999E+125";
    /** 38 significant digits just below 10. */
    private static final String JUST_BELOW_TEN = "9.9999999999999999999999999999999999999";

    // ---------------------------------------------------------------- byte strings

    @Test
    void byteStringEncodingOrderMatchesUnsignedByteOrder() {
        Random random = new Random(1);
        for (int i = 0; i < CASES; i++) {
            byte[] a = randomBytes(random);
            byte[] b = random.nextInt(4) == 0 ? mutate(a, random) : randomBytes(random);
            assertSameSign(Arrays.compareUnsigned(a, b), OrderedBytes.compare(encBytes(a), encBytes(b)),
                    () -> hex(a) + " vs " + hex(b));
        }
    }

    @Test
    void byteStringOrderHandlesZeroAndFfBytesAndEmptyString() {
        assertStrictlyAscendingBytes(
                bytes(),
                bytes(0x00),
                bytes(0x00, 0x00),
                bytes(0x00, 0x01),
                bytes(0x00, 0xFF),
                bytes(0x01),
                bytes(0x01, 0x00),
                bytes(0x01, 0x00, 0x00),
                bytes(0x01, 0x01),
                bytes(0x7F),
                bytes(0x80),
                bytes(0xFE, 0xFF),
                bytes(0xFF),
                bytes(0xFF, 0x00),
                bytes(0xFF, 0xFF),
                bytes(0xFF, 0xFF, 0xFF));
    }

    @Test
    void stringEncodingOrdersByUtf8BytesNotUtf16() {
        // U+FF61 is one UTF-16 unit above the surrogates of U+1F600, but its UTF-8 form (EF ..) is below
        // that of U+1F600 (F0 ..); DynamoDB compares UTF-8 bytes.
        String halfwidth = "\uFF61";
        String emoji = "\uD83D\uDE00";
        assertTrue(halfwidth.compareTo(emoji) > 0);
        assertTrue(OrderedBytes.compare(encString(halfwidth), encString(emoji)) < 0);
        assertStrictlyAscendingBytes(utf8(""), utf8("A"), utf8("AB"), utf8("B"), utf8("a"), utf8("é"),
                utf8(halfwidth), utf8(emoji));
    }

    @Test
    void byteStringRoundTripsAndPositionEndsAtEndOfEncoding() {
        Random random = new Random(2);
        for (int i = 0; i < CASES; i++) {
            byte[] value = randomBytes(random);
            byte[] encoded = encBytes(value);
            OrderedBytes.Reader reader = new OrderedBytes.Reader(encoded, 0);
            assertArrayEquals(value, reader.readBytes(), () -> hex(value));
            assertEquals(encoded.length, reader.position());
            assertFalse(reader.hasRemaining());
        }
    }

    @Test
    void byteStringEncodingIsPrefixFree() {
        Random random = new Random(3);
        List<byte[]> encodings = new ArrayList<>();
        for (int i = 0; i < 1500; i++) {
            encodings.add(encBytes(randomBytes(random)));
        }
        assertNoProperPrefixes(encodings);
    }

    // ---------------------------------------------------------------- numbers

    @Test
    void numberEncodingOrderMatchesNumericOrder() {
        Random random = new Random(4);
        for (int i = 0; i < CASES; i++) {
            BigDecimal x = randomNumber(random);
            BigDecimal y = random.nextBoolean() ? randomNumber(random) : neighbour(x, random);
            assertSameSign(x.compareTo(y), OrderedBytes.compare(encNumber(x), encNumber(y)),
                    () -> x + " vs " + y);
        }
    }

    @Test
    void numbersDifferingOnlyInThe38thDigitAreOrdered() {
        Random random = new Random(5);
        for (int i = 0; i < CASES / 4; i++) {
            char[] digits = new char[38];
            digits[0] = (char) ('1' + random.nextInt(9));
            for (int d = 1; d < 38; d++) {
                digits[d] = (char) ('0' + random.nextInt(10));
            }
            digits[37] = (char) ('0' + random.nextInt(9));
            int exponent = randomExponent(random);
            BigDecimal low = number(new String(digits), exponent);
            digits[37]++;
            BigDecimal high = number(new String(digits), exponent);
            assertTrue(low.compareTo(high) < 0);
            assertTrue(OrderedBytes.compare(encNumber(low), encNumber(high)) < 0, () -> low + " < " + high);
            assertTrue(OrderedBytes.compare(encNumber(high.negate()), encNumber(low.negate())) < 0,
                    () -> high.negate() + " < " + low.negate());
        }
    }

    @Test
    void handPickedNumbersEncodeInStrictlyAscendingOrder() {
        assertStrictlyAscendingNumbers(
                "-" + MAX,
                "-1E+125",
                "-100",
                "-10",
                "-" + JUST_BELOW_TEN,
                "-1.1",
                "-1.0000000000000000000000000000000000001",
                "-1",
                "-0.5",
                "-0.1",
                "-0.09",
                "-2E-130",
                "-1E-130",
                "0",
                "1E-130",
                "1.0000000000000000000000000000000000001E-130",
                "2E-130",
                "0.09",
                "0.0999999999999999999999999999999999999",
                "0.1",
                "0.12",
                "0.5",
                "1",
                "1.0000000000000000000000000000000000001",
                "1.0000000000000000000000000000000000002",
                "1.1",
                JUST_BELOW_TEN,
                "10",
                "10.000000000000000000000000000000000001",
                "99",
                "100",
                "101",
                "12345678901234567890123456789012345678",
                "12345678901234567890123456789012345679",
                "1E+125",
                MAX);
    }

    @Test
    void equalNumbersWithDifferentScalesEncodeIdentically() {
        assertSameEncoding("1", "1.0", "1.00", "1E0", "0.1E1", "100E-2");
        assertSameEncoding("100", "1E+2", "100.000", "0.001E+5");
        assertSameEncoding("-1.5", "-1.50", "-15E-1");
        assertSameEncoding("0", "-0.0", "0.00", "0E+10", "0E-10", "-0");
        assertArrayEquals(encNumber(BigDecimal.ZERO), encNumber(BigDecimal.valueOf(-0.0d)));
    }

    @Test
    void numberRoundTripsToStrippedValueAndPositionEndsAtEndOfEncoding() {
        Random random = new Random(6);
        for (int i = 0; i < CASES; i++) {
            BigDecimal value = randomNumber(random);
            byte[] encoded = encNumber(value);
            OrderedBytes.Reader reader = new OrderedBytes.Reader(encoded, 0);
            BigDecimal decoded = reader.readNumber();
            BigDecimal expected = value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
            assertEquals(expected, decoded, () -> value.toString()); // equals(): same value and scale
            assertEquals(encoded.length, reader.position());
        }
        for (String edge : List.of("0", "-0.0", "1E-130", "-1E-130", MAX, "-" + MAX, "1.00", "10", "-1.1")) {
            BigDecimal value = new BigDecimal(edge);
            BigDecimal decoded = new OrderedBytes.Reader(encNumber(value), 0).readNumber();
            assertEquals(value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros(), decoded, edge);
        }
    }

    @Test
    void numberEncodingIsPrefixFree() {
        Random random = new Random(7);
        List<byte[]> encodings = new ArrayList<>();
        for (int i = 0; i < 1500; i++) {
            BigDecimal x = randomNumber(random);
            encodings.add(encNumber(x));
            encodings.add(encNumber(neighbour(x, random)));
        }
        assertNoProperPrefixes(encodings);
    }

    @Test
    void numbersBeyondDynamoDbRangeStillOrderAndRoundTrip() {
        assertStrictlyAscendingNumbers("-1E+100000", "-1E+126", "-1E-100000", "0", "1E-100000", "1E-131",
                "1E+126", "1E+100000", "1.0000000000000000000000000000000000000000000000001E+100000");
        BigDecimal huge = new BigDecimal("123456789012345678901234567890123456789012345678901234567890E+99999");
        assertEquals(huge.stripTrailingZeros(), new OrderedBytes.Reader(encNumber(huge), 0).readNumber());
    }

    // ---------------------------------------------------------------- composite keys

    @Test
    void compositeStringThenNumberKeysOrderLexicographically() {
        Random random = new Random(8);
        for (int i = 0; i < CASES; i++) {
            Object[] a = {randomString(random), smallNumber(random)};
            Object[] b = {random.nextInt(3) == 0 ? a[0] : randomString(random), smallNumber(random)};
            assertCompositeOrder(a, b);
        }
        // "a" + "b.." vs "ab" + "..": the shorter first component must not bleed into the second.
        assertTrue(OrderedBytes.compare(enc("a", new BigDecimal("99")), enc("ab", new BigDecimal("-99"))) < 0);
        assertTrue(OrderedBytes.compare(enc("a", BigDecimal.ZERO), enc("a\u0000", new BigDecimal("-1"))) < 0);
    }

    @Test
    void compositeBytesThenBytesKeysOrderLexicographically() {
        Random random = new Random(9);
        for (int i = 0; i < CASES; i++) {
            Object[] a = {randomBytes(random), randomBytes(random)};
            Object[] b = {random.nextInt(3) == 0 ? a[0] : randomBytes(random), randomBytes(random)};
            assertCompositeOrder(a, b);
        }
        // Same concatenated raw bytes "ab", different split: ("a","b") < ("ab","").
        assertTrue(OrderedBytes.compare(enc(utf8("a"), utf8("b")), enc(utf8("ab"), utf8(""))) < 0);
        assertTrue(OrderedBytes.compare(enc(bytes(), bytes(0xFF)), enc(bytes(0x00), bytes())) < 0);
        assertTrue(OrderedBytes.compare(enc(bytes(0x01), bytes(0xFF, 0xFF)), enc(bytes(0x01, 0x00), bytes())) < 0);
    }

    @Test
    void compositeNumberThenStringKeysOrderLexicographically() {
        Random random = new Random(10);
        for (int i = 0; i < CASES; i++) {
            Object[] a = {smallNumber(random), randomString(random)};
            Object[] b = {random.nextInt(3) == 0 ? a[0] : smallNumber(random), randomString(random)};
            assertCompositeOrder(a, b);
        }
        // 0.1 has a digit string that is a prefix of 0.12's; the shorter one must still end first.
        assertTrue(OrderedBytes.compare(enc(new BigDecimal("0.1"), "zzz"), enc(new BigDecimal("0.12"), "")) < 0);
        assertTrue(OrderedBytes.compare(enc(new BigDecimal("-0.12"), "zzz"), enc(new BigDecimal("-0.1"), "")) < 0);
        assertTrue(OrderedBytes.compare(enc(new BigDecimal("1.0"), "b"), enc(new BigDecimal("1"), "c")) < 0);
    }

    @Test
    void compositeKeysRoundTripComponentByComponent() {
        Random random = new Random(11);
        for (int i = 0; i < CASES / 4; i++) {
            int parts = 1 + random.nextInt(4);
            Object[] key = new Object[parts];
            for (int p = 0; p < parts; p++) {
                key[p] = random.nextBoolean() ? randomBytes(random) : randomNumber(random);
            }
            int offset = random.nextInt(4);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (int p = 0; p < offset; p++) {
                out.write(random.nextInt(256)); // unrelated bytes before the key
            }
            for (Object part : key) {
                write(out, part);
            }
            int end = out.size();
            int trailing = random.nextInt(3);
            for (int p = 0; p < trailing; p++) {
                out.write(random.nextInt(256)); // and after it
            }
            byte[] buffer = out.toByteArray();
            OrderedBytes.Reader reader = new OrderedBytes.Reader(buffer, offset);
            for (Object part : key) {
                if (part instanceof byte[] bytes) {
                    assertArrayEquals(bytes, reader.readBytes());
                } else {
                    BigDecimal number = (BigDecimal) part;
                    assertEquals(0, number.compareTo(reader.readNumber()), number::toString);
                }
            }
            assertEquals(end, reader.position());
        }
    }

    // ---------------------------------------------------------------- compare and prefixEnd

    @Test
    void compareIsUnsignedLexicographic() {
        Random random = new Random(12);
        for (int i = 0; i < CASES; i++) {
            byte[] a = randomBytes(random);
            byte[] b = random.nextInt(4) == 0 ? mutate(a, random) : randomBytes(random);
            assertSameSign(Arrays.compareUnsigned(a, b), OrderedBytes.compare(a, b), () -> hex(a) + " vs " + hex(b));
            assertSameSign(OrderedBytes.compare(a, b), OrderedBytes.COMPARATOR.compare(a, b), () -> hex(a));
        }
        assertTrue(OrderedBytes.compare(bytes(0x7F), bytes(0x80)) < 0);
        assertTrue(OrderedBytes.compare(bytes(0x01), bytes(0x01, 0x00)) < 0);
        assertEquals(0, OrderedBytes.compare(bytes(), bytes()));
    }

    @Test
    void prefixEndIsTheSmallestStringAboveEveryStringWithThePrefix() {
        Random random = new Random(13);
        for (int i = 0; i < CASES; i++) {
            byte[] prefix = randomBytes(random, 4);
            byte[] end = OrderedBytes.prefixEnd(prefix);
            if (end == null) {
                for (byte b : prefix) {
                    assertEquals((byte) 0xFF, b, () -> "null prefixEnd for " + hex(prefix));
                }
                continue;
            }
            assertTrue(OrderedBytes.compare(prefix, end) < 0);
            assertFalse(startsWith(end, prefix), () -> hex(prefix));
            for (int j = 0; j < 10; j++) {
                byte[] suffix = randomBytes(random, 5);
                byte[] withPrefix = concat(prefix, suffix);
                assertTrue(OrderedBytes.compare(withPrefix, end) < 0, () -> hex(withPrefix) + " vs end " + hex(end));
                byte[] other = random.nextBoolean() ? randomBytes(random, 6) : mutate(withPrefix, random);
                if (OrderedBytes.compare(other, end) < 0) {
                    // minimality: everything below the end either has the prefix or lies below the prefix
                    assertTrue(startsWith(other, prefix) || OrderedBytes.compare(other, prefix) < 0,
                            () -> hex(other) + " below end " + hex(end) + " of " + hex(prefix));
                }
            }
        }
    }

    @Test
    void prefixEndExamplesAndNullWhenNoUpperBoundExists() {
        assertArrayEquals(bytes(0x01, 0x03), OrderedBytes.prefixEnd(bytes(0x01, 0x02)));
        assertArrayEquals(bytes(0x02), OrderedBytes.prefixEnd(bytes(0x01, 0xFF, 0xFF)));
        assertArrayEquals(bytes(0x80), OrderedBytes.prefixEnd(bytes(0x7F)));
        assertArrayEquals(bytes(0x01), OrderedBytes.prefixEnd(bytes(0x00)));
        assertNull(OrderedBytes.prefixEnd(bytes()));
        assertNull(OrderedBytes.prefixEnd(bytes(0xFF)));
        assertNull(OrderedBytes.prefixEnd(bytes(0xFF, 0xFF)));
        byte[] prefix = bytes(0x05, 0xFF);
        OrderedBytes.prefixEnd(prefix);
        assertArrayEquals(bytes(0x05, 0xFF), prefix, "prefixEnd must not modify its argument");
        // Scanning all keys whose first component is "a" excludes "ab" and "b".
        byte[] a = encString("a");
        byte[] end = OrderedBytes.prefixEnd(a);
        assertNotNull(end);
        assertTrue(OrderedBytes.compare(enc("a", new BigDecimal("1E+125")), end) < 0);
        assertTrue(OrderedBytes.compare(enc("ab", new BigDecimal("-1E+125")), end) >= 0);
    }

    @Test
    void readerRejectsMalformedOrTruncatedInput() {
        byte[] bytesEncoding = encBytes(bytes(0x00, 0x41));
        byte[] numberEncoding = encNumber(new BigDecimal("-12.5"));
        for (int cut = 0; cut < bytesEncoding.length; cut++) {
            byte[] truncated = Arrays.copyOf(bytesEncoding, cut);
            assertThrows(IllegalArgumentException.class, () -> new OrderedBytes.Reader(truncated, 0).readBytes());
        }
        for (int cut = 0; cut < numberEncoding.length; cut++) {
            byte[] truncated = Arrays.copyOf(numberEncoding, cut);
            assertThrows(IllegalArgumentException.class, () -> new OrderedBytes.Reader(truncated, 0).readNumber());
        }
        assertThrows(IllegalArgumentException.class, () -> new OrderedBytes.Reader(bytes(0x00, 0x05), 0).readBytes());
        assertThrows(IllegalArgumentException.class, () -> new OrderedBytes.Reader(bytes(0x07), 0).readNumber());
        assertThrows(IllegalArgumentException.class,
                () -> new OrderedBytes.Reader(bytes(0x03, 0x80, 0, 0, 1, 0x0B, 0x00), 0).readNumber());
    }

    // ---------------------------------------------------------------- generators

    /** Short strings over a small alphabet rich in 0x00 / 0xFF, so prefixes and ties are common. */
    private static byte[] randomBytes(Random random) {
        return randomBytes(random, 7);
    }

    private static final int[] ALPHABET = {0x00, 0x00, 0x01, 0x02, 0x41, 0x7F, 0x80, 0xFE, 0xFF, 0xFF};

    private static byte[] randomBytes(Random random, int maxLength) {
        byte[] value = new byte[random.nextInt(maxLength + 1)];
        for (int i = 0; i < value.length; i++) {
            value[i] = (byte) (random.nextInt(4) == 0 ? random.nextInt(256) : ALPHABET[random.nextInt(ALPHABET.length)]);
        }
        return value;
    }

    /** A string close to {@code value}: truncated, extended, or with one byte nudged. */
    private static byte[] mutate(byte[] value, Random random) {
        switch (random.nextInt(3)) {
            case 0:
                return Arrays.copyOf(value, random.nextInt(value.length + 1));
            case 1:
                return concat(value, randomBytes(random, 3));
            default:
                if (value.length == 0) {
                    return value.clone();
                }
                byte[] copy = value.clone();
                int i = random.nextInt(copy.length);
                copy[i] += random.nextBoolean() ? 1 : -1;
                return copy;
        }
    }

    private static final String[] STRING_PIECES = {"", "a", "b", "ab", "\u0000", "é", "\uFF61", "\uD83D\uDE00", "z"};

    private static String randomString(Random random) {
        StringBuilder s = new StringBuilder();
        int pieces = random.nextInt(4);
        for (int i = 0; i < pieces; i++) {
            s.append(STRING_PIECES[random.nextInt(STRING_PIECES.length)]);
        }
        return s.toString();
    }

    private static final String[] SMALL_NUMBERS = {"-10", "-1.1", "-1", "-0.12", "-0.1", "0", "0.00", "0.1", "0.12",
        "1", "1.0", "1.00", "10", "1E+2", "100"};

    /** Numbers from a small set with many equal and digit-prefix pairs, so the second component matters. */
    private static BigDecimal smallNumber(Random random) {
        return random.nextInt(4) == 0 ? randomNumber(random) : new BigDecimal(SMALL_NUMBERS[random.nextInt(SMALL_NUMBERS.length)]);
    }

    /**
     * A random DynamoDB number: 1..38 significant digits, normalized exponent anywhere in the allowed
     * range (magnitude 1E-130 .. < 1E+126), random sign, sometimes zero, sometimes written with extra
     * trailing zeros.
     */
    private static BigDecimal randomNumber(Random random) {
        if (random.nextInt(25) == 0) {
            return new BigDecimal(List.of("0", "-0.0", "0.00", "0E+5").get(random.nextInt(4)));
        }
        int length = 1 + random.nextInt(38);
        char[] digits = new char[length];
        for (int i = 0; i < length; i++) {
            int kind = random.nextInt(4);
            digits[i] = kind == 0 ? '0' : kind == 1 ? '9' : (char) ('0' + random.nextInt(10));
        }
        if (digits[0] == '0') {
            digits[0] = (char) ('1' + random.nextInt(9));
        }
        BigDecimal value = number(new String(digits), randomExponent(random));
        if (random.nextBoolean()) {
            value = value.negate();
        }
        if (random.nextInt(4) == 0) {
            value = value.setScale(value.scale() + 1 + random.nextInt(3)); // same value, more trailing zeros
        }
        return value;
    }

    /** Normalized exponent e (value = 0.d1d2... x 10^e) across DynamoDB's range, biased to the ends. */
    private static int randomExponent(Random random) {
        int kind = random.nextInt(5);
        if (kind == 0) {
            return -129 + random.nextInt(3);
        }
        if (kind == 1) {
            return 126 - random.nextInt(3);
        }
        if (kind == 2) {
            return -3 + random.nextInt(7);
        }
        return -129 + random.nextInt(256);
    }

    /** 0.digits x 10^exponent. */
    private static BigDecimal number(String digits, int exponent) {
        return new BigDecimal(new BigInteger(digits), digits.length() - exponent);
    }

    /** The normalized exponent e of a non-zero value = 0.d1d2... x 10^e. */
    private static int exponentOf(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.precision() - stripped.scale();
    }

    /** A number close to {@code x}: nudged in its 38th digit, digits truncated or extended, scaled, negated. */
    private static BigDecimal neighbour(BigDecimal x, Random random) {
        if (x.signum() == 0) {
            return random.nextBoolean() ? new BigDecimal("1E-130") : new BigDecimal("-1E-130");
        }
        int e = exponentOf(x);
        BigDecimal unitIn38th = BigDecimal.ONE.scaleByPowerOfTen(e - 38);
        switch (random.nextInt(6)) {
            case 0:
                return random.nextBoolean() ? x.add(unitIn38th) : x.subtract(unitIn38th);
            case 1: { // drop trailing digits: the digit string becomes a prefix of x's
                BigDecimal stripped = x.stripTrailingZeros();
                int keep = 1 + random.nextInt(stripped.precision());
                return stripped.round(new java.math.MathContext(keep, java.math.RoundingMode.DOWN));
            }
            case 2: { // append a digit: x's digit string becomes a prefix of the result's
                BigDecimal stripped = x.stripTrailingZeros();
                if (stripped.precision() >= 38) {
                    return x.subtract(unitIn38th);
                }
                BigDecimal extra = BigDecimal.valueOf(1 + random.nextInt(9)).scaleByPowerOfTen(e - stripped.precision() - 1);
                return x.signum() > 0 ? x.add(extra) : x.subtract(extra);
            }
            case 3:
                return x.setScale(x.scale() + 2); // equal value, different scale
            case 4:
                return e < 126 ? x.scaleByPowerOfTen(1) : x.scaleByPowerOfTen(-1);
            default:
                return x.negate();
        }
    }

    // ---------------------------------------------------------------- helpers

    private static byte[] encBytes(byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        OrderedBytes.writeBytes(out, value);
        byte[] encoded = out.toByteArray();
        assertArrayEquals(encoded, OrderedBytes.encodeBytes(value));
        return encoded;
    }

    private static byte[] encString(String value) {
        return encBytes(utf8(value));
    }

    private static byte[] encNumber(BigDecimal value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        OrderedBytes.writeNumber(out, value);
        byte[] encoded = out.toByteArray();
        assertArrayEquals(encoded, OrderedBytes.encodeNumber(value));
        return encoded;
    }

    /** Concatenated encodings of components: byte[] and String (as UTF-8) as byte strings, BigDecimal as numbers. */
    private static byte[] enc(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object part : parts) {
            write(out, part);
        }
        return out.toByteArray();
    }

    private static void write(ByteArrayOutputStream out, Object part) {
        if (part instanceof byte[] bytes) {
            OrderedBytes.writeBytes(out, bytes);
        } else if (part instanceof String string) {
            OrderedBytes.writeBytes(out, utf8(string));
        } else {
            OrderedBytes.writeNumber(out, (BigDecimal) part);
        }
    }

    /** DynamoDB order of two components of the same type. */
    private static int compareComponent(Object a, Object b) {
        if (a instanceof byte[] x) {
            return Arrays.compareUnsigned(x, (byte[]) b);
        }
        if (a instanceof String x) {
            return Arrays.compareUnsigned(utf8(x), utf8((String) b));
        }
        return ((BigDecimal) a).compareTo((BigDecimal) b);
    }

    private static void assertCompositeOrder(Object[] a, Object[] b) {
        int expected = 0;
        for (int i = 0; i < a.length && expected == 0; i++) {
            expected = compareComponent(a[i], b[i]);
        }
        assertSameSign(expected, OrderedBytes.compare(enc(a), enc(b)), () -> describe(a) + " vs " + describe(b));
    }

    private static String describe(Object[] key) {
        StringBuilder s = new StringBuilder("(");
        for (Object part : key) {
            s.append(part instanceof byte[] bytes ? hex(bytes) : part instanceof String str ? '"' + str + '"' : part).append(", ");
        }
        return s.append(')').toString();
    }

    private static void assertStrictlyAscendingBytes(byte[]... ascending) {
        for (int i = 0; i < ascending.length; i++) {
            for (int j = 0; j < ascending.length; j++) {
                int expected = Integer.compare(i, j);
                int ii = i;
                int jj = j;
                assertEquals(expected, Integer.signum(Arrays.compareUnsigned(ascending[i], ascending[j])),
                        "test data not ascending");
                assertSameSign(expected, OrderedBytes.compare(encBytes(ascending[i]), encBytes(ascending[j])),
                        () -> hex(ascending[ii]) + " vs " + hex(ascending[jj]));
            }
        }
    }

    private static void assertStrictlyAscendingNumbers(String... ascending) {
        for (int i = 0; i < ascending.length; i++) {
            for (int j = 0; j < ascending.length; j++) {
                BigDecimal x = new BigDecimal(ascending[i]);
                BigDecimal y = new BigDecimal(ascending[j]);
                int expected = Integer.compare(i, j);
                assertEquals(expected, Integer.signum(x.compareTo(y)), () -> "test data not ascending: " + x + " vs " + y);
                assertSameSign(expected, OrderedBytes.compare(encNumber(x), encNumber(y)), () -> x + " vs " + y);
            }
        }
    }

    private static void assertSameEncoding(String... equalNumbers) {
        byte[] first = encNumber(new BigDecimal(equalNumbers[0]));
        for (String n : equalNumbers) {
            assertArrayEquals(first, encNumber(new BigDecimal(n)), () -> equalNumbers[0] + " vs " + n);
        }
    }

    private static void assertNoProperPrefixes(List<byte[]> encodings) {
        for (byte[] a : encodings) {
            for (byte[] b : encodings) {
                if (a.length < b.length && startsWith(b, a)) {
                    fail(hex(a) + " is a proper prefix of " + hex(b));
                }
            }
        }
    }

    private static void assertSameSign(int expected, int actual, java.util.function.Supplier<String> message) {
        if (Integer.signum(expected) != Integer.signum(actual)) {
            fail("expected sign " + Integer.signum(expected) + " but was " + Integer.signum(actual) + ": " + message.get());
        }
    }

    private static boolean startsWith(byte[] value, byte[] prefix) {
        return value.length >= prefix.length
                && Arrays.equals(value, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] result = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, result, a.length, b.length);
        return result;
    }

    private static byte[] bytes(int... values) {
        byte[] result = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            result[i] = (byte) values[i];
        }
        return result;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String hex(byte[] value) {
        return "[" + HexFormat.ofDelimiter(" ").formatHex(value) + "]";
    }
}
