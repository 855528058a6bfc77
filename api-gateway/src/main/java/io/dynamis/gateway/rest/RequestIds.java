package io.dynamis.gateway.rest;

import java.util.concurrent.ThreadLocalRandom;

/** Request ids in DynamoDB's form: 52 characters of upper-case letters and digits. */
public final class RequestIds {

    private static final char[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".toCharArray();
    private static final int LENGTH = 52;
    /** Characters drawn from one random long (36^12 < 2^63): five draws instead of 52. */
    private static final int PER_LONG = 12;

    private RequestIds() {
    }

    public static String next() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        byte[] id = new byte[LENGTH];
        int i = 0;
        while (i < LENGTH) {
            // uniform over [0, 36^12): its twelve base-36 digits are twelve uniform characters
            long bits = random.nextLong(DIGITS_BOUND);
            for (int digit = 0; digit < PER_LONG && i < LENGTH; digit++) {
                id[i++] = (byte) ALPHABET[(int) (bits % ALPHABET.length)];
                bits /= ALPHABET.length;
            }
        }
        return new String(id, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /** 36^12: twelve digits of base 36. */
    private static final long DIGITS_BOUND = 4_738_381_338_321_616_896L;
}
