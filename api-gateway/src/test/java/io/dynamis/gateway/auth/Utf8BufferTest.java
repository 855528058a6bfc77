package io.dynamis.gateway.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The canonical request's bytes: those of the same text built as a String and encoded in UTF-8 at once. */
class Utf8BufferTest {

    @Test
    void asciiIsCopiedAndAnythingElseIsEncoded() {
        Utf8Buffer buffer = new Utf8Buffer();
        // Latin-1 above ASCII, and chars above 0xFF whose low byte is an ASCII letter ('\u0141', '\u4e41': 0x41)
        String text = "POST\n/caf\u00e9\n\u0141\u4e41x\n\uD83D\uDE00";
        buffer.append("a").append(text).append(text, 5, 10).append('\n').append(text, 11, text.length());
        assertEquals("a" + text + text.substring(5, 10) + "\n" + text.substring(11), buffer.toString());
        assertEquals("\u0141", new Utf8Buffer().append("\u0141").toString());
    }

    @Test
    void everyPieceIsWrittenAsItsUtf8() {
        Random random = new Random(7);
        String alphabet = "aZ09 -~\u007f\u0080\u00e9\u00ff\u0100\u0141\u4e41\u212A\uD83D\uDE00";
        for (int round = 0; round < 2_000; round++) {
            Utf8Buffer buffer = new Utf8Buffer();
            StringBuilder expected = new StringBuilder();
            for (int piece = random.nextInt(6); piece >= 0; piece--) {
                StringBuilder text = new StringBuilder();
                for (int i = random.nextInt(40); i > 0; i--) {
                    text.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
                String value = text.toString();
                int from = value.isEmpty() ? 0 : random.nextInt(value.length());
                int to = from + (value.length() == from ? 0 : random.nextInt(value.length() - from + 1));
                buffer.append(value, from, to);
                // each piece is encoded whole (an unpaired surrogate at its end becomes '?', as the JDK does)
                expected.append(new String(value.substring(from, to).getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
            }
            assertEquals(expected.toString(), buffer.toString());
        }
    }
}
