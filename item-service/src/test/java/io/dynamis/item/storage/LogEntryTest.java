package io.dynamis.item.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dynamis.core.change.ChangeRecord;
import io.dynamis.core.change.ChangeRecordCodec;
import io.dynamis.core.model.AttributeValue;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A change-log entry is its head and the record encoded after it in one array, read back field by field. */
class LogEntryTest {

    private static final ChangeRecordCodec.Head HEAD = new ChangeRecordCodec.Head("Orders", "id-1", 0, 7,
            ChangeRecord.EventName.INSERT, 1_700_000_000_123L, 42, ChangeRecord.Origin.USER);
    private static final Map<String, AttributeValue> KEYS = Map.of("pk", AttributeValue.s("ü-1"));
    private static final byte[] IMAGE = "{\"pk\":{\"S\":\"ü-1\"}}".getBytes(StandardCharsets.UTF_8);

    @Test
    void theRecordEncodedAfterTheHeadIsTheEntry() {
        byte[] entry = ChangeRecordCodec.encode(LogEntry.head(1_700_000_000_123L, "id-1|ü-1"), HEAD, KEYS, null, IMAGE);
        assertEquals(1_700_000_000_123L, LogEntry.commitTimeMillis(entry));
        assertEquals("id-1|ü-1", LogEntry.kafkaKey(entry));
        assertArrayEquals(ChangeRecordCodec.encode(HEAD, KEYS, null, IMAGE), LogEntry.record(entry));
        assertEquals(7, ChangeRecordCodec.decode(LogEntry.record(entry)).sequence());
    }
}
