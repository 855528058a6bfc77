package io.dynamis.core.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamHistoryTest {

    private static final long T = 1_767_323_045_678L;

    @Test
    void enablingRecordsAStreamNamedByItsTime() {
        ObjectNode extra = Json.object();
        String label = StreamHistory.enable(extra, "KEYS_ONLY", T);
        assertEquals("2026-01-02T03:04:05.678", label);
        assertEquals(label, extra.get(StreamHistory.LATEST_LABEL).asText());
        assertEquals(List.of(new StreamHistory.Stream(label, T, "KEYS_ONLY", 0)), StreamHistory.of(extra));
        assertEquals(T, StreamHistory.millisOf(label));
    }

    @Test
    void disablingClosesTheStreamAndEnablingAgainMakesANewOneAfterIt() {
        ObjectNode extra = Json.object();
        StreamHistory.enable(extra, "NEW_IMAGE", T);
        StreamHistory.disable(extra, T + 10);
        assertNull(StreamHistory.enabled(extra));
        String second = StreamHistory.enable(extra, "OLD_IMAGE", T + 10); // same millisecond as the disable
        List<StreamHistory.Stream> streams = StreamHistory.of(extra);
        assertEquals(2, streams.size());
        assertEquals(new StreamHistory.Stream(StreamHistory.label(T), T, "NEW_IMAGE", T + 10), streams.get(0));
        assertEquals(T + 11, streams.get(1).enabledMillis(), "a new stream starts after the last one closed");
        assertEquals(second, extra.get(StreamHistory.LATEST_LABEL).asText());
        assertEquals(streams.get(1), StreamHistory.enabled(extra));
    }

    @Test
    void aStreamCoversTheChangesCommittedWhileItWasEnabled() {
        StreamHistory.Stream closed = new StreamHistory.Stream(StreamHistory.label(T), T, "KEYS_ONLY", T + 10);
        assertFalse(closed.covers(T - 1));
        assertTrue(closed.covers(T));
        assertTrue(closed.covers(T + 10));
        assertFalse(closed.covers(T + 11));
        assertTrue(new StreamHistory.Stream(StreamHistory.label(T), T, "KEYS_ONLY", 0).covers(T + 1_000_000));
    }

    @Test
    void streamsDisabledMoreThanADayAgoAreForgotten() {
        ObjectNode extra = Json.object();
        StreamHistory.enable(extra, "KEYS_ONLY", T);
        StreamHistory.disable(extra, T + 1);
        StreamHistory.enable(extra, "KEYS_ONLY", T + StreamHistory.KEPT_MILLIS + 2);
        assertEquals(1, StreamHistory.of(extra).size());
    }

    @Test
    void aCatalogWrittenBeforeTheHistoryHasItsLatestStream() {
        ObjectNode extra = Json.object().put(StreamHistory.LATEST_LABEL, StreamHistory.label(T));
        extra.putObject("StreamSpecification").put("StreamEnabled", true).put("StreamViewType", "NEW_IMAGE");
        assertEquals(List.of(new StreamHistory.Stream(StreamHistory.label(T), T, "NEW_IMAGE", 0)),
                StreamHistory.of(extra));
        assertEquals(List.of(), StreamHistory.of(Json.object()));
    }
}
