package io.dynamis.gateway.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A thread's last answer of a pure function: kept for the same text, worked out again for another. */
class LastAnswerTest {

    @Test
    void theSameTextGetsTheLastAnswerAndAnotherItsOwn() {
        List<String> asked = new ArrayList<>();
        LastAnswer<String[]> last = new LastAnswer<>();
        String[] first = last.of("a/b", text -> {
            asked.add(text);
            return text.split("/");
        });
        // an equal text (another instance) is the same text
        assertSame(first, last.of(new String("a/b"), text -> {
            asked.add(text);
            return text.split("/");
        }));
        String[] other = last.of("c/d/e", text -> {
            asked.add(text);
            return text.split("/");
        });
        assertEquals(List.of("c", "d", "e"), List.of(other));
        assertEquals(List.of("a/b", "c/d/e"), asked);
    }
}
