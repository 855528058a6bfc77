package io.dynamis.backup.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dynamis.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ArchivedTableTest {

    @Test
    void eachShardHasItsOwnBaseSequenceThroughAStoreRoundTrip() {
        ArchivedTable table = new ArchivedTable("id", "T", 7, null, true, 1, 35, Map.of(0, 40L, 1, 12L), 100, 0, 0);
        ArchivedTable read = ArchiveStore.read(Json.toBytes(table), ArchivedTable.class);
        assertEquals(table, read);
        assertEquals(40, read.baseSequence(0));
        assertEquals(12, read.baseSequence(1));
        assertEquals(0, read.baseSequence(2), "a shard with nothing folded");
    }

    @Test
    void anEntryStoredBeforeShardsHadLogsOfTheirOwnKeepsItsBaseAsShardZeros() {
        String stored = "{\"tableId\":\"id\",\"name\":\"T\",\"archiveId\":7,\"definition\":null,\"pitrEnabled\":false,"
                + "\"pitrSinceMillis\":0,\"recoveryDays\":0,\"baseSequence\":55,\"baseTimeMillis\":100,"
                + "\"foldTargetMillis\":0,\"deletedMillis\":0}";
        ArchivedTable read = ArchiveStore.read(stored.getBytes(StandardCharsets.UTF_8), ArchivedTable.class);
        assertEquals(55, read.baseSequence(0));
        assertEquals(0, read.baseSequence(1));
        assertEquals(100, read.baseTimeMillis());
    }
}
