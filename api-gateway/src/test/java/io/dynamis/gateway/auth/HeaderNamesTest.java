package io.dynamis.gateway.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.util.AsciiString;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/** A request's header name found among the signed names as {@link String#equalsIgnoreCase} finds it. */
class HeaderNamesTest {

    private static final List<String> SDK = List.of("amz-sdk-invocation-id", "amz-sdk-request", "content-length",
            "content-type", "host", "x-amz-date", "x-amz-target");

    @Test
    void aSignedNameIsFoundInAnyCaseAndAnUnsignedOneIsNot() {
        HeaderNames names = new HeaderNames(SDK);
        assertEquals(4, names.indexOf("Host"));
        assertEquals(6, names.indexOf("X-AMZ-TARGET"));
        assertEquals(0, names.indexOf("Amz-Sdk-Invocation-Id"));
        assertEquals(-1, names.indexOf("Authorization"));
        assertEquals(-1, names.indexOf("User-Agent"));
        assertEquals(-1, names.indexOf(""));
        assertEquals(-1, names.indexOf("hos"));
    }

    @Test
    void aRepeatedSignedNameAnswersItsFirstIndex() {
        HeaderNames names = new HeaderNames(List.of("host", "x-amz-date", "HOST", "host"));
        assertEquals(0, names.indexOf("Host"));
        assertEquals(1, names.indexOf("x-amz-date"));
    }

    @Test
    void nonAsciiNamesAreComparedAsEqualsIgnoreCaseDoes() {
        // the Kelvin sign is 'k' ignoring case, the dotless i is 'I'
        HeaderNames ascii = new HeaderNames(List.of("host", "x-amz-key", "x-amz-id"));
        assertEquals(1, ascii.indexOf("X-Amz-\u212Aey"));
        assertEquals(2, ascii.indexOf("x-amz-\u0131d"));
        HeaderNames nonAscii = new HeaderNames(List.of("host", "x-\u212Aey", "x-caf\u00e9"));
        assertEquals(1, nonAscii.indexOf("X-KEY"));
        assertEquals(2, nonAscii.indexOf("X-CAF\u00c9"));
        assertEquals(-1, nonAscii.indexOf("x-cafe"));
    }

    @Test
    void asciiCharactersThatDifferInTheCaseBitAreEqualOnlyWhenTheyAreLetters() {
        // '@' and '`', '[' and '{', '^' and '~' differ in the 0x20 bit as 'A' and 'a' do, but are not letters
        HeaderNames names = new HeaderNames(List.of("x-@a", "x-[b", "x-^c", "x-az"));
        assertEquals(0, names.indexOf("X-@A"));
        assertEquals(-1, names.indexOf("x-`a"));
        assertEquals(-1, names.indexOf("x-{b"));
        assertEquals(-1, names.indexOf("x-~c"));
        assertEquals(3, names.indexOf("X-AZ"));
        assertEquals(-1, names.indexOf("x-a\u00fa")); // 'z' | 0x80: not ASCII, not equal
        for (char a = 0; a < 0x80; a++) {
            for (char b = 0; b < 0x100; b++) {
                assertEquals(String.valueOf(a).equalsIgnoreCase(String.valueOf(b)),
                        HeaderNames.sameIgnoringCase(String.valueOf(a), String.valueOf(b)), (int) a + " " + (int) b);
            }
        }
        assertEquals(true, HeaderNames.sameIgnoringCase("x-amz-key", "X-AMZ-\u212AEY"));
    }

    @Test
    void everyNameIsFoundAsAScanFindsIt() {
        String alphabet = "aAbBkK-_:@`\u212A\u0131iI";
        everyProbeAnswersAsAScan(19, round -> alphabet, alphabet, name -> name);
    }

    /**
     * Random signed names (from the round's alphabet) probed with random names and upper-cased signed ones,
     * each held as {@code held} makes it: the index a scan with {@link String#equalsIgnoreCase} finds.
     */
    private static void everyProbeAnswersAsAScan(long seed, IntFunction<String> signedAlphabet, String probeAlphabet,
            Function<String, CharSequence> held) {
        Random random = new Random(seed);
        for (int round = 0; round < 2_000; round++) {
            List<String> signed = new ArrayList<>();
            for (int i = random.nextInt(12); i >= 0; i--) {
                signed.add(name(random, signedAlphabet.apply(round)));
            }
            HeaderNames names = new HeaderNames(signed);
            for (int probe = 0; probe < 20; probe++) {
                String name = probe % 2 == 0 ? name(random, probeAlphabet) : signed.get(random.nextInt(signed.size())).toUpperCase();
                CharSequence asked = held.apply(name);
                assertEquals(scan(signed, asked.toString()), names.indexOf(asked), () -> signed + " " + name);
            }
        }
    }

    @Test
    void noLatin1CharacterBeyondAsciiEqualsAnAsciiOneIgnoringCase() {
        // what lets a probe's miss answer for a Latin-1 name (an AsciiString) without reading it
        for (char latin1 = 0x80; latin1 < 0x100; latin1++) {
            for (char ascii = 0; ascii < 0x80; ascii++) {
                assertFalse(String.valueOf(latin1).equalsIgnoreCase(String.valueOf(ascii)), (int) latin1 + " " + (int) ascii);
            }
        }
        // those that do lie above 0xFF
        assertTrue("\u212A".equalsIgnoreCase("k") && "\u017F".equalsIgnoreCase("s") && "\u0131".equalsIgnoreCase("i")
                && "\u0130".equalsIgnoreCase("i"));
    }

    @Test
    void aNameAsNettyHoldsItIsFoundAsItsStringIs() {
        // an AsciiString holds one byte a character: an upper case beyond 0xFF is cut, the probe is its String
        String latin1 = "aAbBkK-_:@`\u00e9\u00c9\u00ff\u00b5";
        everyProbeAnswersAsAScan(7, round -> round % 3 == 0 ? latin1 : "aAbBkK-_:@`", latin1, AsciiString::new);
    }

    @Test
    void aNameAsVertxHoldsItIsFoundByItsHashThenByItsBytes() {
        HeaderNames names = new HeaderNames(SDK);
        // Netty's decoder cuts a header's name out of the line it read: an AsciiString over part of an array
        byte[] line = "xxX-AMZ-DATEyyHostzzUser-Agentww".getBytes(StandardCharsets.US_ASCII);
        assertEquals(5, names.indexOf(new AsciiString(line, 2, 10, false)));
        assertEquals(4, names.indexOf(new AsciiString(line, 14, 4, false)));
        assertEquals(-1, names.indexOf(new AsciiString(line, 20, 10, false)));
        assertEquals(-1, names.indexOf(new AsciiString(line, 14, 3, false)));
        // Netty's hash folds more than the case of letters ('@' and '`'): a name with a signed name's hash but
        // other bytes is not that name
        HeaderNames at = new HeaderNames(List.of("host", "x-@a"));
        assertEquals(AsciiString.hashCode("x-@a"), new AsciiString("X-`A").hashCode());
        assertEquals(-1, at.indexOf(new AsciiString("X-`A")));
        assertEquals(1, at.indexOf(new AsciiString("X-@A")));
        // a Latin-1 byte is no ASCII letter in another case
        assertEquals(-1, at.indexOf(new AsciiString("hos\u00f4")));
    }

    private static String name(Random random, String alphabet) {
        StringBuilder name = new StringBuilder();
        for (int i = random.nextInt(4); i >= 0; i--) {
            name.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return name.toString();
    }

    private static int scan(List<String> names, String name) {
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }
}
