package io.dynamis.gateway.auth;

import io.netty.util.AsciiString;
import java.util.List;

/**
 * The header names a signature signed, found by a request's header name in any case with one probe of a
 * small table (length and first and last characters), not one comparison per signed name: a pass over a
 * request's headers ({@link SigV4Request.HeaderValues#singleValues}) asks it once per header, with the name
 * as the request holds it (Netty's {@code AsciiString}: no String made per header). The answer
 * is {@link String#equalsIgnoreCase}'s: a name or a signed name with a non-ASCII character (Unicode has
 * some equal to ASCII letters ignoring case: the Kelvin sign, the dotless i) is compared with every name.
 */
final class HeaderNames {

    private final List<String> names;
    /** Index + 1 of the first name with each probe's key, 0 for none; null when a name is not ASCII. */
    private final int[] slots;
    /**
     * Netty's case-insensitive hash of each name ({@link AsciiString#hashCode(CharSequence)}), and the index + 1
     * of the first name with each hash's slot, 0 for none (both null when a name is not ASCII): an {@code AsciiString}
     * keeps its hash once computed, and Vert.x's header map computed it when the header was added, so a
     * request's header name is found or ruled out by that number, one comparison of its bytes where it matches.
     */
    private final int[] hashes;
    private final int[] hashSlots;

    HeaderNames(List<String> names) {
        this.names = names;
        boolean ascii = allAscii(names);
        this.slots = ascii ? table(names) : null;
        this.hashes = ascii ? hashes(names) : null;
        this.hashSlots = ascii ? hashTable(names, hashes) : null;
    }

    List<String> names() {
        return names;
    }

    int size() {
        return names.size();
    }

    /**
     * The index of the first signed name equal to {@code name} ignoring case, or -1. A probe that finds no
     * name answers for an ASCII name (two ASCII names equal ignoring case have the same key), and for any
     * name whose characters are all Latin-1 (no character from 0x80 to 0xFF equals an ASCII one ignoring
     * case: those that do, the Kelvin sign, the long s, the dotless and the dotted i, lie above 0xFF); any
     * other name that it does not find is compared with every name. An {@code AsciiString} (Netty's header
     * names, one byte a character, so all Latin-1) is found by its hash instead ({@link #indexOf(AsciiString)}).
     */
    int indexOf(CharSequence name) {
        if (slots == null) {
            return scan(name);
        }
        if (name instanceof AsciiString ascii) {
            return indexOf(ascii);
        }
        int mask = slots.length - 1;
        for (int slot = key(name) & mask; slots[slot] != 0; slot = (slot + 1) & mask) {
            String wanted = names.get(slots[slot] - 1);
            if (sameIgnoringCase(wanted, name)) {
                return slots[slot] - 1;
            }
        }
        return below(name, 0x100) ? -1 : scan(name);
    }

    /**
     * The same for an {@code AsciiString} (one byte a character, all Latin-1), by its hash: two names equal
     * ignoring ASCII case have the same hash, so a name whose hash no signed name has is none of them (most of
     * a request's headers: user-agent, accept-encoding, ...), and one whose hash matches is compared byte by byte.
     */
    private int indexOf(AsciiString name) {
        int hash = name.hashCode();
        int mask = hashSlots.length - 1;
        for (int slot = spread(hash) & mask; hashSlots[slot] != 0; slot = (slot + 1) & mask) {
            int i = hashSlots[slot] - 1;
            if (hashes[i] == hash && sameIgnoringCase(names.get(i), name)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * {@code wanted.equalsIgnoreCase(name)} for an ASCII {@code wanted} and an {@code AsciiString}, read from its
     * bytes: a byte from 0x80 up (a Latin-1 character) equals no ASCII character ignoring case.
     */
    static boolean sameIgnoringCase(String wanted, AsciiString name) {
        int length = wanted.length();
        if (name.length() != length) {
            return false;
        }
        byte[] bytes = name.array();
        int at = name.arrayOffset();
        for (int i = 0; i < length; i++) {
            int a = wanted.charAt(i);
            int b = bytes[at + i] & 0xFF;
            if (a != b) {
                int lower = a | 0x20;
                if (b >= 0x80 || lower != (b | 0x20) || lower < 'a' || lower > 'z') {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * {@code wanted.equalsIgnoreCase(name)} for an ASCII {@code wanted} (every name of the table is), without
     * its per-character case mapping: two ASCII characters are equal ignoring case when they are the same or
     * the same letter in either case (they differ in the 0x20 bit); a non-ASCII character in the request's
     * name is left to {@link String#equalsIgnoreCase} (Unicode has characters equal to ASCII letters ignoring
     * case).
     */
    static boolean sameIgnoringCase(String wanted, CharSequence name) {
        int length = wanted.length();
        if (name.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char a = wanted.charAt(i);
            char b = name.charAt(i);
            if (a != b) {
                if (b >= 0x80) {
                    return wanted.equalsIgnoreCase(name.toString());
                }
                int lower = a | 0x20;
                if (lower != (b | 0x20) || lower < 'a' || lower > 'z') {
                    return false;
                }
            }
        }
        return true;
    }

    private int scan(CharSequence name) {
        return scan(names, names.size(), name);
    }

    /** The index of the first of names[0, count) equal to {@code name} ignoring case, or -1. */
    private static int scan(List<String> names, int count, CharSequence name) {
        String text = name.toString();
        for (int i = 0; i < count; i++) {
            if (names.get(i).equalsIgnoreCase(text)) {
                return i;
            }
        }
        return -1;
    }

    /** Open addressing, at most half full; a repeated name keeps its first index (as {@link #scan}). */
    private static int[] table(List<String> names) {
        int size = Integer.highestOneBit(Math.max(4, names.size()) * 4);
        int[] slots = new int[size];
        for (int i = 0; i < names.size(); i++) {
            if (scan(names, i, names.get(i)) >= 0) {
                continue;
            }
            int slot = key(names.get(i)) & (size - 1);
            while (slots[slot] != 0) {
                slot = (slot + 1) & (size - 1);
            }
            slots[slot] = i + 1;
        }
        return slots;
    }

    private static int[] hashes(List<String> names) {
        int[] hashes = new int[names.size()];
        for (int i = 0; i < hashes.length; i++) {
            hashes[i] = AsciiString.hashCode(names.get(i));
        }
        return hashes;
    }

    /** Open addressing by hash, at most a quarter full; a repeated name keeps its first index (as {@link #scan}). */
    private static int[] hashTable(List<String> names, int[] hashes) {
        int size = Integer.highestOneBit(Math.max(4, names.size()) * 4) * 2;
        int[] slots = new int[size];
        for (int i = 0; i < names.size(); i++) {
            if (scan(names, i, names.get(i)) >= 0) {
                continue;
            }
            int slot = spread(hashes[i]) & (size - 1);
            while (slots[slot] != 0) {
                slot = (slot + 1) & (size - 1);
            }
            slots[slot] = i + 1;
        }
        return slots;
    }

    private static int spread(int hash) {
        return hash ^ (hash >>> 16);
    }

    /** Equal for two ASCII names equal ignoring case (an ASCII letter's cases differ in the 0x20 bit only). */
    private static int key(CharSequence name) {
        int length = name.length();
        if (length == 0) {
            return 0;
        }
        return length * 31 * 31 + (name.charAt(0) | 0x20) * 31 + (name.charAt(length - 1) | 0x20);
    }

    private static boolean allAscii(List<String> names) {
        for (String name : names) {
            if (!ascii(name)) {
                return false;
            }
        }
        return true;
    }

    private static boolean ascii(CharSequence name) {
        return below(name, 0x80);
    }

    /** Whether every character of the name is below the limit. */
    private static boolean below(CharSequence name, int limit) {
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) >= limit) {
                return false;
            }
        }
        return true;
    }
}
