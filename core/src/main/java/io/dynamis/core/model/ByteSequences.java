package io.dynamis.core.model;

/** Finding one byte sequence in another: a binary {@code contains} in conditions, a marker in a request body. */
public final class ByteSequences {

    private ByteSequences() {
    }

    /** Where {@code needle} first starts in {@code haystack}, or -1 when it does not occur. */
    public static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
