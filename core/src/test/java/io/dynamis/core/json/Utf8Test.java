package io.dynamis.core.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Utf8Test {

    /** The JDK's strict decoder: it refuses overlong forms, surrogates and sequences past U+10FFFF too. */
    private static boolean jdkAccepts(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    @Test
    void aBadSequenceIsFoundAtEveryOffsetOfALongAsciiRun() {
        int[][] invalid = {{0xC0, 0x80}, {0xED, 0xA0, 0x80}, {0xF4, 0x90, 0x80, 0x80}, {0xFF}, {0x80}, {0xE2, 0x82}};
        for (int[] sequence : invalid) {
            for (int offset = 0; offset < 40; offset++) {
                for (int tail : new int[] {0, 1, 7, 8, 9, 23}) {
                    byte[] bytes = new byte[offset + sequence.length + tail];
                    Arrays.fill(bytes, (byte) 'x');
                    for (int k = 0; k < sequence.length; k++) {
                        bytes[offset + k] = (byte) sequence[k];
                    }
                    assertEquals(false, Utf8.isValid(bytes), "offset " + offset + " tail " + tail);
                }
            }
        }
    }

    @Test
    void agreesWithTheJdksStrictDecoderOnMostlyAsciiBytes() {
        Random random = new Random(7);
        int[] high = {0x80, 0xBF, 0xC0, 0xC2, 0xDF, 0xE0, 0xA0, 0xED, 0x9F, 0xEF, 0xF0, 0x90, 0xF4, 0x8F, 0xF5, 0xFF};
        for (int round = 0; round < 20_000; round++) {
            byte[] bytes = new byte[random.nextInt(64)];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = random.nextInt(6) == 0 ? (byte) high[random.nextInt(high.length)] : (byte) ('a' + random.nextInt(26));
            }
            assertEquals(jdkAccepts(bytes), Utf8.isValid(bytes), () -> HexFormat.of().formatHex(bytes));
        }
    }

    @Test
    void validTextOfEveryLengthIsAccepted() {
        String text = "a\u00e9\u20ac\ud83d\ude00z";
        StringBuilder grown = new StringBuilder();
        for (int i = 0; i < 50; i++) {
            grown.append(i % 5 == 0 ? text : "q");
            byte[] bytes = grown.toString().getBytes(StandardCharsets.UTF_8);
            assertEquals(true, Utf8.isValid(bytes), grown.toString());
        }
    }
}
