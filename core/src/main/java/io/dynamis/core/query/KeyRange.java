package io.dynamis.core.query;

import io.dynamis.core.key.OrderedBytes;
import java.util.Arrays;

/**
 * A range of storage keys, {@code [from, to)} in unsigned byte order; {@code to} null means "to the end
 * of the store". Every bound is expressed as an inclusive start and an exclusive end: a key itself as
 * an exclusive start is {@link #after}, the smallest byte string greater than it.
 */
public record KeyRange(byte[] from, byte[] to) {

    /** Every key that starts with the prefix. */
    public static KeyRange prefix(byte[] prefix) {
        return new KeyRange(prefix, successor(prefix));
    }

    /** True when no key can fall in the range. */
    public boolean isEmpty() {
        return to != null && OrderedBytes.COMPARATOR.compare(from, to) >= 0;
    }

    /** Whether the key falls in the range. */
    public boolean contains(byte[] key) {
        return OrderedBytes.COMPARATOR.compare(key, from) >= 0
                && (to == null || OrderedBytes.COMPARATOR.compare(key, to) < 0);
    }

    /** The range without the keys up to and including {@code key} (a forward read resuming after it). */
    public KeyRange resumingAfter(byte[] key) {
        byte[] start = after(key);
        return OrderedBytes.COMPARATOR.compare(start, from) > 0 ? new KeyRange(start, to) : this;
    }

    /** The range without the keys from {@code key} on (a backward read resuming before it). */
    public KeyRange resumingBefore(byte[] key) {
        return to == null || OrderedBytes.COMPARATOR.compare(key, to) < 0 ? new KeyRange(from, key) : this;
    }

    /** The smallest byte string greater than {@code key}: the key followed by a zero byte. */
    public static byte[] after(byte[] key) {
        return Arrays.copyOf(key, key.length + 1);
    }

    /** The smallest byte string greater than every string starting with {@code prefix}; null when there is none. */
    public static byte[] successor(byte[] prefix) {
        byte[] next = prefix.clone();
        for (int i = next.length - 1; i >= 0; i--) {
            if (next[i] != (byte) 0xff) {
                next[i]++;
                return Arrays.copyOf(next, i + 1);
            }
        }
        return null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeyRange r && Arrays.equals(from, r.from) && Arrays.equals(to, r.to);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(from) + Arrays.hashCode(to);
    }

    @Override
    public String toString() {
        return "[" + hex(from) + ", " + (to == null ? "end" : hex(to)) + ")";
    }

    private static String hex(byte[] bytes) {
        StringBuilder s = new StringBuilder();
        for (byte b : bytes) {
            s.append(String.format("%02x", b & 0xff));
        }
        return s.toString();
    }
}
