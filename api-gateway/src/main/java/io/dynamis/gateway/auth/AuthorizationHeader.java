package io.dynamis.gateway.auth;

import java.util.Arrays;

/**
 * The parts of an {@code Authorization} header ({@code AWS4-HMAC-SHA256 Credential=..., SignedHeaders=...,
 * Signature=...}): the algorithm and, null when missing, the credential, the signed headers and the
 * signature; the last of a repeated part wins. A client sends the same header but for the signature on
 * every request, so each thread keeps the last header it read completely: a header equal to it outside
 * the signature's value is read by comparing the two (no substrings but the signature), and answers the
 * same credential and signed-headers strings as before, whose hashes are then already computed for the
 * verifier's memos.
 */
record AuthorizationHeader(String algorithm, String credential, String signedHeaders, String signature) {

    /**
     * A header read: its text, where its (winning) signature's value lies in it, and its parts; and, for
     * comparing the next header with it, the text's characters and a thread's array (a Read is one thread's).
     */
    record Read(String text, int signatureFrom, int signatureTo, AuthorizationHeader parts, char[] chars,
            char[] scratch) {

        Read(String text, int signatureFrom, int signatureTo, AuthorizationHeader parts) {
            this(text, signatureFrom, signatureTo, parts, text.toCharArray(), new char[text.length()]);
        }

        /**
         * The parts of a header that equals this one before {@link #signatureFrom} and after the signature's
         * value (up to the next comma, or the end): the same parts with its own signature; else null. Reading
         * it from scratch gives the same: the parts before it lie in the same prefix, the signature's part
         * ends at the first comma after its '=' (none lies in the prefix past it), and what follows is the same.
         * The characters are compared as arrays (vectorized; {@code String.regionMatches} compares one by one).
         */
        AuthorizationHeader sameButSignature(String header) {
            int tail = text.length() - signatureTo;
            if (header.length() < signatureFrom + tail || !sameAs(header, 0, 0, signatureFrom)) {
                return null;
            }
            int comma = header.indexOf(',', signatureFrom);
            int end = comma < 0 ? header.length() : comma;
            if (header.length() - end != tail || !sameAs(header, end, signatureTo, tail)) {
                return null;
            }
            return new AuthorizationHeader(parts.algorithm(), parts.credential(), parts.signedHeaders(),
                    header.substring(signatureFrom, end).trim());
        }

        /** Whether header[from, from + count) is text[at, at + count). */
        private boolean sameAs(String header, int from, int at, int count) {
            header.getChars(from, from + count, scratch, 0);
            return Arrays.equals(scratch, 0, count, chars, at, at + count);
        }
    }

    /** The parts of an Authorization header's text. */
    static AuthorizationHeader of(String header) {
        return of(header, VerificationScratch.get());
    }

    /** The parts of an Authorization header's text; the thread's last header read kept in its scratch. */
    static AuthorizationHeader of(String header, VerificationScratch scratch) {
        Read last = scratch.lastHeader;
        if (last != null) {
            AuthorizationHeader same = last.sameButSignature(header);
            if (same != null) {
                return same;
            }
        }
        Read read = read(header);
        if (read.signatureFrom() >= 0 && read.parts().credential() != null && read.parts().signedHeaders() != null) {
            scratch.lastHeader = read;
        }
        return read.parts();
    }

    /** "Credential=..., SignedHeaders=..., Signature=..." after the algorithm, split by hand (the hot path). */
    private static Read read(String header) {
        int space = header.indexOf(' ');
        String algorithm = space < 0 ? header : header.substring(0, space);
        String credential = null;
        String signedHeaders = null;
        String signature = null;
        int signatureFrom = -1;
        int signatureTo = -1;
        for (int from = space + 1; space >= 0 && from <= header.length(); ) {
            int comma = header.indexOf(',', from);
            int end = comma < 0 ? header.length() : comma;
            int eq = header.indexOf('=', from);
            if (eq > from && eq < end) {
                String value = header.substring(eq + 1, end).trim();
                if (isName(header, from, eq, "Credential")) {
                    credential = value;
                } else if (isName(header, from, eq, "SignedHeaders")) {
                    signedHeaders = value;
                } else if (isName(header, from, eq, "Signature")) {
                    signature = value;
                    signatureFrom = eq + 1;
                    signatureTo = end;
                }
            }
            from = end + 1;
        }
        return new Read(header, signatureFrom, signatureTo,
                new AuthorizationHeader(algorithm, credential, signedHeaders, signature));
    }

    /** Whether header[from, to), trimmed, is the name. */
    private static boolean isName(String header, int from, int to, String name) {
        while (from < to && header.charAt(from) <= ' ') {
            from++;
        }
        while (to > from && header.charAt(to - 1) <= ' ') {
            to--;
        }
        return to - from == name.length() && header.startsWith(name, from);
    }
}
