package io.dynamis.core;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Random mutations of valid texts for the fuzz tests: fragments inserted, spans deleted or repeated. */
public final class TextMutations {

    private TextMutations() {
    }

    /**
     * A valid text with one to six edits: one of the fragments inserted (or repeated up to
     * {@code maxRepeatedChars} characters), a span deleted, or a span repeated.
     */
    public static Arbitrary<String> mutated(Arbitrary<String> valid, List<String> fragments, int maxRepeatedChars) {
        Arbitrary<Edit> edit = Combinators.combine(Arbitraries.integers().between(0, 3),
                Arbitraries.doubles().between(0, 1), Arbitraries.integers().between(0, 40),
                Arbitraries.of(fragments), Arbitraries.integers().between(1, 2000))
                .as((kind, at, length, fragment, times) -> new Edit(kind, at, length, fragment, times, maxRepeatedChars));
        return Combinators.combine(valid, edit.list().ofMinSize(1).ofMaxSize(6)).as((text, edits) -> {
            String result = text;
            for (Edit e : edits) {
                result = e.apply(result);
            }
            return result;
        });
    }

    private record Edit(int kind, double at, int length, String fragment, int times, int maxRepeatedChars) {
        String apply(String text) {
            int i = (int) (at * text.length());
            int j = Math.min(text.length(), i + length);
            return switch (kind) {
                case 0 -> text.substring(0, i) + fragment + text.substring(i);
                case 1 -> text.substring(0, i) + text.substring(j);
                case 2 -> text.substring(0, i)
                        + fragment.repeat(Math.min(times, maxRepeatedChars / Math.max(1, fragment.length())))
                        + text.substring(i);
                default -> text.substring(0, i) + text.substring(i, j).repeat(Math.min(times, 50)) + text.substring(j);
            };
        }
    }
}
