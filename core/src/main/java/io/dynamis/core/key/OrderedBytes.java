package io.dynamis.core.key;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Comparator;

/**
 * Order-preserving, self-delimiting binary encodings of key components.
 *
 * <p>Items live in B-tree maps whose keys are plain {@code byte[]} compared as unsigned byte strings
 * ({@link #compare}). For range reads to come back in DynamoDB's order, each key component is written
 * so that comparing the encodings bytewise gives the same answer as comparing the values, and so that
 * every encoding is <em>prefix-free</em> (no encoding is a proper prefix of another). Prefix-freeness
 * is what makes components composable: when two concatenations {@code enc(a1) enc(a2)} and
 * {@code enc(b1) enc(b2)} are compared, either {@code a1 == b1} and the identical first encodings
 * are skipped, or the two first encodings differ at some byte <em>inside both of them</em> (neither
 * can end first), and that byte decides the comparison exactly as {@code a1} vs {@code b1} does. So a
 * short first component never "bleeds" into the second one.
 *
 * <h2>Byte strings (binary values, and strings as their UTF-8 bytes)</h2>
 *
 * <pre>
 *   each 0x00 byte  -&gt;  0x00 0xFF
 *   any other byte  -&gt;  itself
 *   end of string   -&gt;  0x00 0x01
 * </pre>
 *
 * Inside the body a 0x00 is always followed by 0xFF, so the terminator 0x00 0x01 cannot occur
 * before the end: the encoding is self-delimiting. Order: at the first byte where two strings
 * differ, a non-zero byte is copied unchanged and a zero byte becomes 0x00, which is still below any
 * non-zero byte; if one string is a proper prefix of the other, its terminator 0x00 0x01 meets either a
 * non-zero byte (greater than 0x00) or an escaped zero 0x00 0xFF (greater than 0x00 0x01). Either way
 * the shorter string sorts first, exactly like {@link Arrays#compareUnsigned(byte[], byte[])}.
 *
 * <h2>Numbers</h2>
 *
 * A non-zero number is written as {@code ±0.d1 d2 ... dn × 10^e} with {@code d1 != 0} and
 * {@code dn != 0} (trailing zeros stripped, so 1, 1.0 and 1.00 all have the same, single form):
 *
 * <pre>
 *   negative:  0x01  ~(e ^ 0x80000000) [4 bytes]  (0xFE - d1) ... (0xFE - dn)  0xFF
 *   zero:      0x02
 *   positive:  0x03   (e ^ 0x80000000) [4 bytes]  (d1 + 1)    ... (dn + 1)     0x00
 * </pre>
 *
 * The first byte orders negatives before zero before positives. For two positive numbers, a larger
 * exponent means a larger number (the leading digit is non-zero), and the exponent is a 32-bit
 * big-endian integer with its sign bit flipped, which makes signed order equal unsigned byte order.
 * With equal exponents the digit strings compare like decimal fractions: digit bytes 0x01..0x0A follow
 * digit order, and when one digit string is a prefix of the other, the shorter one (the smaller
 * fraction, as the longer one continues with a non-zero digit somewhere) ends with the terminator 0x00,
 * below every digit byte. A negative number is the positive encoding of its magnitude with every byte
 * after the sign byte complemented ({@code ~b}). Complementing reverses unsigned byte order, and since
 * the magnitude encodings are prefix-free, every comparison is decided at a byte present in both, so
 * the order of magnitudes is exactly reversed: larger magnitudes (more negative numbers) sort first.
 *
 * <p>DynamoDB numbers have at most 38 significant digits and {@code -129 <= e <= 126}; the 4-byte
 * exponent accepts any exponent a {@code BigDecimal} can express in an {@code int}, so the encoding
 * does not itself enforce DynamoDB's limits (that is the data model's job).
 *
 * <p>Decoding goes through a {@link Reader}, which reads the components back in the order they were
 * written; it rejects malformed input with {@link IllegalArgumentException}.
 */
public final class OrderedBytes {

    /** First byte of a negative number. */
    static final int NEGATIVE = 0x01;
    /** The whole encoding of zero. */
    static final int ZERO = 0x02;
    /** First byte of a positive number. */
    static final int POSITIVE = 0x03;

    /** {@link #compare} as a {@link Comparator}, for sorted maps and sets of encoded keys. */
    public static final Comparator<byte[]> COMPARATOR = OrderedBytes::compare;

    private OrderedBytes() {
    }

    /** Appends a prefix-free, order-preserving encoding of an unsigned byte string. */
    public static void writeBytes(ByteArrayOutputStream out, byte[] value) {
        for (byte b : value) {
            if (b == 0) {
                out.write(0x00);
                out.write(0xFF);
            } else {
                out.write(b);
            }
        }
        out.write(0x00);
        out.write(0x01);
    }

    /**
     * Appends a prefix-free, order-preserving encoding of a decimal number (any BigDecimal DynamoDB
     * accepts: up to 38 significant digits, magnitude 1E-130 .. &lt;1E+126, negative, zero, positive;
     * 1.0 and 1.00 and 1 encode identically).
     *
     * @throws IllegalArgumentException if the number's decimal exponent does not fit in an {@code int}
     *                                  (far outside anything DynamoDB accepts)
     */
    public static void writeNumber(ByteArrayOutputStream out, BigDecimal value) {
        int signum = value.signum();
        if (signum == 0) {
            out.write(ZERO);
            return;
        }
        BigDecimal stripped = value.stripTrailingZeros();
        String digits = stripped.unscaledValue().abs().toString();
        // stripped = digits * 10^-scale = 0.digits * 10^(precision - scale)
        long exponent = (long) digits.length() - stripped.scale();
        if (exponent < Integer.MIN_VALUE || exponent > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("Number exponent out of range: " + exponent);
        }
        int flip = signum < 0 ? 0xFF : 0x00;
        out.write(signum < 0 ? NEGATIVE : POSITIVE);
        int biased = (int) exponent ^ 0x80000000;
        out.write(((biased >>> 24) & 0xFF) ^ flip);
        out.write(((biased >>> 16) & 0xFF) ^ flip);
        out.write(((biased >>> 8) & 0xFF) ^ flip);
        out.write((biased & 0xFF) ^ flip);
        for (int i = 0; i < digits.length(); i++) {
            out.write((digits.charAt(i) - '0' + 1) ^ flip);
        }
        out.write(flip); // terminator: 0x00 for positives, 0xFF for negatives
    }

    /** Convenience: the encoding of a single byte string. */
    public static byte[] encodeBytes(byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(value.length + 2);
        writeBytes(out, value);
        return out.toByteArray();
    }

    /** Convenience: the encoding of a single number. */
    public static byte[] encodeNumber(BigDecimal value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(48);
        writeNumber(out, value);
        return out.toByteArray();
    }

    /** Unsigned lexicographic comparison (same as {@link Arrays#compareUnsigned(byte[], byte[])}). */
    public static int compare(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, b);
    }

    /**
     * The smallest byte string greater than every string that starts with {@code prefix} (for range
     * scans of "all keys with this prefix": {@code prefix <= key < prefixEnd(prefix)}); null if none,
     * which happens when the prefix is empty or consists only of 0xFF bytes.
     */
    public static byte[] prefixEnd(byte[] prefix) {
        int i = prefix.length - 1;
        while (i >= 0 && prefix[i] == (byte) 0xFF) {
            i--;
        }
        if (i < 0) {
            return null;
        }
        byte[] end = Arrays.copyOf(prefix, i + 1);
        end[i]++;
        return end;
    }

    /** A cursor over an encoded buffer for decoding components in sequence. */
    public static final class Reader {

        private final byte[] buffer;
        private int position;

        /** A reader whose first component starts at {@code offset} in {@code buffer}. */
        public Reader(byte[] buffer, int offset) {
            if (offset < 0 || offset > buffer.length) {
                throw new IndexOutOfBoundsException("offset " + offset + " outside buffer of length " + buffer.length);
            }
            this.buffer = buffer;
            this.position = offset;
        }

        /** Decodes a byte string written by {@link OrderedBytes#writeBytes} and moves past it. */
        public byte[] readBytes() {
            int length = 0;
            int p = position;
            while (true) {
                int b = byteAt(p++);
                if (b == 0x00) {
                    int next = byteAt(p++);
                    if (next == 0x01) {
                        break;
                    }
                    if (next != 0xFF) {
                        throw malformed("bad escape 0x00 0x" + Integer.toHexString(next), p - 1);
                    }
                }
                length++;
            }
            byte[] value = new byte[length];
            int q = position;
            for (int i = 0; i < length; i++) {
                byte b = buffer[q++];
                value[i] = b;
                if (b == 0) {
                    q++; // skip the 0xFF escape
                }
            }
            position = p;
            return value;
        }

        /**
         * Decodes a number written by {@link OrderedBytes#writeNumber} and moves past it; returns the
         * value with trailing zeros stripped (zero as {@link BigDecimal#ZERO}).
         */
        public BigDecimal readNumber() {
            int p = position;
            int kind = byteAt(p++);
            if (kind == ZERO) {
                position = p;
                return BigDecimal.ZERO;
            }
            if (kind != NEGATIVE && kind != POSITIVE) {
                throw malformed("bad number sign byte 0x" + Integer.toHexString(kind), p - 1);
            }
            int flip = kind == NEGATIVE ? 0xFF : 0x00;
            int biased = 0;
            for (int i = 0; i < 4; i++) {
                biased = (biased << 8) | (byteAt(p++) ^ flip);
            }
            int exponent = biased ^ 0x80000000;
            StringBuilder digits = new StringBuilder(40);
            while (true) {
                int b = byteAt(p++) ^ flip;
                if (b == 0x00) {
                    break;
                }
                if (b > 10) {
                    throw malformed("bad digit byte", p - 1);
                }
                digits.append((char) ('0' + b - 1));
            }
            if (digits.length() == 0 || digits.charAt(0) == '0' || digits.charAt(digits.length() - 1) == '0') {
                throw malformed("digits not normalized", position);
            }
            long scale = (long) digits.length() - exponent;
            if (scale < Integer.MIN_VALUE || scale > Integer.MAX_VALUE) {
                throw malformed("number scale out of range", position);
            }
            BigInteger unscaled = new BigInteger(digits.toString());
            if (kind == NEGATIVE) {
                unscaled = unscaled.negate();
            }
            position = p;
            return new BigDecimal(unscaled, (int) scale);
        }

        /** The index in the buffer of the next unread byte. */
        public int position() {
            return position;
        }

        /** Whether bytes remain after {@link #position()}. */
        public boolean hasRemaining() {
            return position < buffer.length;
        }

        private int byteAt(int index) {
            if (index >= buffer.length) {
                throw malformed("truncated encoding", index);
            }
            return buffer[index] & 0xFF;
        }

        private static IllegalArgumentException malformed(String problem, int index) {
            return new IllegalArgumentException("Malformed ordered encoding at " + index + ": " + problem);
        }
    }
}
