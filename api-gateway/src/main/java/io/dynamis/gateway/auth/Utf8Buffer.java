package io.dynamis.gateway.auth;

import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * What SigV4 hashes and signs (the canonical request, the string to sign), written as UTF-8 into bytes a
 * thread reuses ({@link #get}) and hashed or signed where they lie: no StringBuilder, String or byte[] is
 * made per request. The bytes are those of the same text built as a String and encoded at once: ASCII is
 * copied, any other text encoded by the JDK (each piece is whole: a header value, a name, a path). A
 * thread's is its {@link VerificationScratch}'s.
 */
final class Utf8Buffer {

    private static final byte[] HEX_DIGITS = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private byte[] bytes = new byte[1024];
    private int length;

    /** Emptied, for a new text. */
    Utf8Buffer clear() {
        length = 0;
        return this;
    }

    Utf8Buffer append(char ascii) {
        room(1);
        bytes[length++] = (byte) ascii;
        return this;
    }

    Utf8Buffer append(String text) {
        return append(text, 0, text.length());
    }

    /** Bytes as they are (text already encoded). */
    Utf8Buffer append(byte[] encoded) {
        room(encoded.length);
        System.arraycopy(encoded, 0, bytes, length, encoded.length);
        length += encoded.length;
        return this;
    }

    /**
     * text[from, to) as UTF-8. Each char's low byte is copied by {@link String#getBytes(int, int, byte[], int)}
     * (one array copy out of a Latin-1 String, the kind a request's bytes make), which is the UTF-8 of the
     * text when every char is ASCII: a loop without an exit then notes whether any char was not (it reads the
     * chars themselves, so a char above 0xFF whose low byte looks ASCII is seen too); if one was, what the copy
     * wrote is written over by the JDK's encoding.
     */
    @SuppressWarnings("deprecation") // getBytes(int, int, byte[], int): the low byte of each char, as wanted here
    Utf8Buffer append(String text, int from, int to) {
        int count = to - from;
        room(count);
        int at = length;
        text.getBytes(from, to, bytes, at);
        int seen = 0;
        for (int i = from; i < to; i++) {
            seen |= text.charAt(i);
        }
        if (seen >= 0x80) {
            return appendEncoded(text.substring(from, to));
        }
        length = at + count;
        return this;
    }

    /**
     * A header value as SigV4 canonicalizes it: trimmed (as {@link String#trim}), each run of spaces inside
     * one space.
     */
    Utf8Buffer appendTrimmed(String value) {
        int last = value.length() - 1;
        if (last >= 0 && value.charAt(0) > ' ' && value.charAt(last) > ' ' && value.indexOf("  ") < 0) {
            return append(value); // nothing to trim or collapse: most values
        }
        int from = 0;
        int to = value.length();
        while (from < to && value.charAt(from) <= ' ') {
            from++;
        }
        while (to > from && value.charAt(to - 1) <= ' ') {
            to--;
        }
        room(to - from);
        byte[] out = bytes;
        int at = length;
        boolean space = false;
        for (int i = from; i < to; i++) {
            char c = value.charAt(i);
            if (c >= 0x80) {
                return appendEncoded(collapsed(value.substring(from, to)));
            }
            if (c != ' ' || !space) {
                out[at++] = (byte) c;
            }
            space = c == ' ';
        }
        length = at;
        return this;
    }

    private static String collapsed(String trimmed) {
        StringBuilder out = new StringBuilder(trimmed.length());
        for (int i = 0; i < trimmed.length(); i++) {
            char c = trimmed.charAt(i);
            if (c != ' ' || out.length() == 0 || out.charAt(out.length() - 1) != ' ') {
                out.append(c);
            }
        }
        return out.toString();
    }

    private Utf8Buffer appendEncoded(String text) {
        return append(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Bytes as lower-case hexadecimal. */
    Utf8Buffer appendHex(byte[] data, int count) {
        room(2 * count);
        byte[] out = bytes;
        int at = length;
        for (int i = 0; i < count; i++) {
            int b = data[i];
            out[at] = HEX_DIGITS[(b >> 4) & 0xF];
            out[at + 1] = HEX_DIGITS[b & 0xF];
            at += 2;
        }
        length = at;
        return this;
    }

    /** The SHA-256 of the bytes written, into {@code out} (32 bytes). */
    void sha256(MessageDigest digest, byte[] out) {
        digest.update(bytes, 0, length);
        try {
            digest.digest(out, 0, out.length);
        } catch (DigestException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The MAC of the bytes written, into {@code out}. */
    void mac(HmacSha256 mac, byte[] out) {
        mac.sign(bytes, 0, length, out);
    }

    private void room(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(2 * bytes.length, length + more));
        }
    }

    /** The text written (for tests and messages). */
    @Override
    public String toString() {
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }
}
