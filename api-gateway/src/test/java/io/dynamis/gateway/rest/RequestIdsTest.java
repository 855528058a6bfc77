package io.dynamis.gateway.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RequestIdsTest {

    @Test
    void idsHaveDynamoDbsFormAndEveryCharacterTurnsUpInEveryPosition() {
        Set<String> ids = new HashSet<>();
        boolean[][] seen = new boolean[52][36];
        for (int n = 0; n < 20_000; n++) {
            String id = RequestIds.next();
            assertTrue(id.matches("[A-Z0-9]{52}"), id);
            ids.add(id);
            for (int i = 0; i < 52; i++) {
                char c = id.charAt(i);
                seen[i][c <= '9' ? 26 + c - '0' : c - 'A'] = true;
            }
        }
        assertEquals(20_000, ids.size(), "no id comes twice");
        for (int i = 0; i < 52; i++) {
            for (int c = 0; c < 36; c++) {
                assertTrue(seen[i][c], "character " + c + " at position " + i);
            }
        }
    }
}
