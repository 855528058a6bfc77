package io.dynamis.core.json;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The strict UTF-8 check, at every position against the eight-byte steps it takes over ASCII. */
class Utf8Test {

    private static final int[][] INVALID = {
        {0xC0, 0x80}, {0xE0, 0x80, 0xAF}, {0xF4, 0x90, 0x80, 0x80}, {0xED, 0xA0, 0x80}, {0xFF}, {0x80},
    };

    @Test
    void anInvalidSequenceIsFoundWhereverItStands() {
        for (int[] sequence : INVALID) {
            for (int before = 0; before <= 20; before++) {
                for (int after = 0; after <= 9; after++) {
                    assertFalse(Utf8.isValid(surrounded(before, sequence, after)),
                            Arrays.toString(sequence) + " after " + before + " and before " + after + " ASCII bytes");
                }
            }
        }
    }

    @Test
    void aSequenceCutByTheEndIsInvalidWhereverItStands() {
        for (int before = 0; before <= 20; before++) {
            assertFalse(Utf8.isValid(surrounded(before, new int[] {0xE2, 0x82}, 0)), before + " ASCII bytes before");
            assertFalse(Utf8.isValid(surrounded(before, new int[] {0xF0, 0x9F, 0x98}, 0)), before + " ASCII bytes before");
        }
    }

    @Test
    void validTextIsAcceptedWhereverItsMultiByteFormsStand() {
        byte[] forms = "\u00e9\u20ac\ud83d\ude00".getBytes(StandardCharsets.UTF_8);
        int[] sequence = new int[forms.length];
        for (int i = 0; i < forms.length; i++) {
            sequence[i] = forms[i] & 0xFF;
        }
        for (int before = 0; before <= 20; before++) {
            for (int after = 0; after <= 9; after++) {
                assertTrue(Utf8.isValid(surrounded(before, sequence, after)), before + " / " + after);
            }
        }
        assertTrue(Utf8.isValid(new byte[0]));
        assertTrue(Utf8.isValid("x".repeat(1000).getBytes(StandardCharsets.US_ASCII)));
    }

    private static byte[] surrounded(int before, int[] sequence, int after) {
        byte[] bytes = new byte[before + sequence.length + after];
        Arrays.fill(bytes, (byte) 'a');
        for (int i = 0; i < sequence.length; i++) {
            bytes[before + i] = (byte) sequence[i];
        }
        return bytes;
    }
}
