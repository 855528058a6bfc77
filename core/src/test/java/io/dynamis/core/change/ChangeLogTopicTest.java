package io.dynamis.core.change;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.dynamis.core.model.AttributeValue;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ChangeLogTopicTest {

    @Test
    void theTableIdIsReadBackFromAKey() {
        String key = ChangeLogTopic.key("5f0c-table", new AttributeValue.Str("user/1"));
        assertEquals("5f0c-table/S:user/1", key);
        assertEquals("5f0c-table", ChangeLogTopic.tableIdOf(key.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aKeyWithoutATableIdHasNone() {
        assertNull(ChangeLogTopic.tableIdOf(null));
        assertNull(ChangeLogTopic.tableIdOf("no-separator".getBytes(StandardCharsets.UTF_8)));
    }
}
