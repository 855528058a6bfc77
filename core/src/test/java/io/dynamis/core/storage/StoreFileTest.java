package io.dynamis.core.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.h2.mvstore.MVMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreFileTest {

    @TempDir
    Path dir;

    @Test
    void rangesAreHalfOpenInUnsignedOrderBothWays() {
        try (StoreFile file = StoreFile.open(dir.resolve("s.mv"), 1)) {
            MVMap<byte[], byte[]> map = file.bytesMap("m");
            for (int b : new int[] {0x01, 0x10, 0x7f, 0x80, 0xff}) {
                map.put(new byte[] {(byte) b}, new byte[] {(byte) b});
            }
            byte[] from = {0x10};
            byte[] to = {(byte) 0xff};
            assertEquals(List.of(0x10, 0x7f, 0x80), firsts(StoreFile.range(map, from, to, true)));
            assertEquals(List.of(0x80, 0x7f, 0x10), firsts(StoreFile.range(map, from, to, false)));
            assertEquals(List.of(0x80, 0xff), firsts(StoreFile.range(map, new byte[] {0x7f, 0}, null, true)));
            assertEquals(List.of(0xff, 0x80, 0x7f, 0x10, 0x01), firsts(StoreFile.range(map, new byte[0], null, false)));
            assertEquals(List.of(), firsts(StoreFile.range(map, from, from, true)));
        }
    }

    @Test
    void aCheckpointIsWhatTheFileReopensWithAndARollbackReturnsToIt() {
        Path path = dir.resolve("s.mv");
        try (StoreFile file = StoreFile.open(path, 1)) {
            MVMap<Long, byte[]> log = file.longMap("log");
            log.put(1L, new byte[] {1});
            file.checkpoint();
            log.put(2L, new byte[] {2});
            file.rollback();
            assertEquals(List.of(1L), List.copyOf(log.keySet()));
            log.put(3L, new byte[] {3});
            file.checkpoint();
        }
        try (StoreFile file = StoreFile.open(path, 1)) {
            assertEquals(List.of(1L, 3L), List.copyOf(file.longMap("log").keySet()));
        }
    }

    @Test
    void checkpointsWrittenFromTheKeptChunkBufferReopenWhole() {
        Path path = dir.resolve("s.mv");
        int perCheckpoint = 3_000; // ~6 MB a chunk: past MVStore's 4 MB buffers, so the next ones use the kept one
        byte[] value = new byte[2_000];
        try (StoreFile file = StoreFile.open(path, 1, 64, 0)) {
            MVMap<Long, byte[]> map = file.longMap("m");
            for (long round = 0; round < 3; round++) {
                for (long i = 0; i < perCheckpoint; i++) {
                    value[0] = (byte) round;
                    map.put(round * perCheckpoint + i, value.clone());
                }
                file.checkpoint();
            }
        }
        try (StoreFile file = StoreFile.open(path, 1)) {
            MVMap<Long, byte[]> map = file.longMap("m");
            assertEquals(3 * perCheckpoint, map.size());
            for (long key = 0; key < 3 * perCheckpoint; key++) {
                assertEquals(key / perCheckpoint, map.get(key)[0], "entry " + key);
            }
        }
    }

    @Test
    void checkpointsOfWritesSpreadOverTheMapKeepTheFileNearItsLiveData() {
        Path path = dir.resolve("s.mv");
        java.util.Random random = new java.util.Random(16);
        int keys = 20_000;
        int valueBytes = 200;
        // no retention: an emptied chunk's space is reused at once, so what is left is what the chunks still hold
        try (StoreFile file = StoreFile.open(path, 4, 0, 0)) {
            MVMap<byte[], byte[]> map = file.bytesMap("items");
            for (int key = 0; key < keys; key++) {
                map.put(key(key), randomBytes(random, valueBytes));
            }
            file.checkpoint();
            // each checkpoint after a few writes spread over the whole map, as a bulk load into a table hashed by
            // partition: every chunk keeps a few live pages, and without compaction is never emptied (31 MB here)
            for (int round = 0; round < 200; round++) {
                for (int i = 0; i < 100; i++) {
                    map.put(key(random.nextInt(keys)), randomBytes(random, valueBytes));
                }
                file.checkpoint();
            }
            long values = (long) keys * valueBytes;
            assertTrue(file.fileSize() < 5 * values, "file " + file.fileSize() + " bytes for " + values
                    + " bytes of values");
        }
    }

    @Test
    void leavesSplitPast4KBSoThatAChangeRewritesASmallLeaf() {
        java.util.Random random = new java.util.Random(3);
        // a page cache as large as the stores' own: MVStore's own limit is then 16 KB or 48 keys a page
        try (StoreFile file = StoreFile.open(dir.resolve("s.mv"), 64)) {
            MVMap<byte[], byte[]> map = file.bytesMap("items");
            for (int i = 0; i < 20_000; i++) {
                map.put(key(random.nextInt()), randomBytes(random, 250));
            }
            file.checkpoint();
            int[] largestLeaf = new int[1];
            int leaves = countLeaves(map.getRootPage(), largestLeaf);
            // ~300 bytes of memory an entry: 4 KB holds about 13 (16 KB: 48, the key limit)
            assertTrue(largestLeaf[0] <= 16, "largest leaf: " + largestLeaf[0] + " entries");
            assertTrue(leaves >= 20_000 / 16, leaves + " leaves");
        }
    }

    private static int countLeaves(org.h2.mvstore.Page<byte[], byte[]> page, int[] largest) {
        if (page.isLeaf()) {
            largest[0] = Math.max(largest[0], page.getKeyCount());
            return 1;
        }
        int leaves = 0;
        for (int i = 0; i < page.getRawChildPageCount(); i++) {
            leaves += countLeaves(page.getChildPage(i), largest);
        }
        return leaves;
    }

    @Test
    void aPinnedVersionIsReadWholeWhileCheckpointsRewriteAndReuseItsChunks() {
        java.util.Random random = new java.util.Random(7);
        int keys = 20_000;
        try (StoreFile file = StoreFile.open(dir.resolve("s.mv"), 1, 0, 0)) {
            MVMap<byte[], byte[]> map = file.bytesMap("items");
            for (int key = 0; key < keys; key++) {
                map.put(key(key), randomBytes(random, 200));
            }
            file.checkpoint();
            int read = 0;
            try (StoreFile.Pin pin = file.pinVersion()) {
                var reading = StoreFile.range(map, null, null, true).iterator();
                // every item written again, checkpoint after checkpoint: without the pin, the chunks the cursor
                // still has to read from are emptied, and reused or dropped (no retention here)
                for (int round = 0; round < 10; round++) {
                    for (int key = 0; key < keys; key++) {
                        map.put(key(key), randomBytes(random, 200));
                    }
                    file.checkpoint();
                    reading.next();
                    read++;
                }
                while (reading.hasNext()) {
                    reading.next();
                    read++;
                }
            }
            assertEquals(keys, read);
        }
    }

    private static byte[] key(int key) {
        return java.nio.ByteBuffer.allocate(4).putInt(key).array();
    }

    private static byte[] randomBytes(java.util.Random random, int size) {
        byte[] bytes = new byte[size];
        random.nextBytes(bytes);
        return bytes;
    }

    private static List<Integer> firsts(Iterable<Map.Entry<byte[], byte[]>> entries) {
        List<Integer> firsts = new ArrayList<>();
        entries.forEach(e -> firsts.add(e.getKey()[0] & 0xff));
        return firsts;
    }

    @Test
    void aFileThatClosedItselfAfterAFailureTurnsTheHealthCheckDownAndOneClosedByItsOwnerDoesNot() {
        Path failing = dir.resolve("failing.mv");
        Path closed = dir.resolve("closed.mv");
        StoreFile owned = StoreFile.open(closed, 1);
        owned.close();
        assertTrue(!StoreFile.failedFiles().contains(closed), "closed by its owner");
        assertTrue(!StoreFile.failedFiles().contains(failing));
        StoreFile file = StoreFile.open(failing, 1);
        file.bytesMap("m").put(new byte[] {1}, new byte[] {1});
        assertTrue(!StoreFile.failedFiles().contains(failing), "open and well");

        file.closeAsAfterAFailure();
        assertTrue(StoreFile.failedFiles().contains(failing), "closed by MVStore after a failed write");
        var health = new io.dynamis.core.observability.StoreFilesCheck().call();
        assertEquals(org.eclipse.microprofile.health.HealthCheckResponse.Status.DOWN, health.getStatus());
        assertTrue(health.getData().orElseThrow().values().toString().contains(failing.toString()), health.getData().toString());
        file.close();
        assertTrue(!StoreFile.failedFiles().contains(failing), "forgotten once its owner closes it");
    }
}
