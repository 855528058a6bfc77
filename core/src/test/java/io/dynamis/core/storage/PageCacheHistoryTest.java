package io.dynamis.core.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.SingleFileStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A page cache smaller than the map: without history, no entry is kept for an evicted page; reads stay exact. */
class PageCacheHistoryTest {

    @TempDir
    Path dir;

    @Test
    void theStoresCacheKeepsNoEntryForAPageItEvictedAndEveryValueReadsBack() {
        ChunkBufferStore fileStore = new ChunkBufferStore(new HashMap<>(Map.of("cacheSize", 1)), 4096);
        int evicted = writeAndReadBack(fileStore);
        assertEquals(0, evicted, "entries kept for evicted pages");
    }

    /** The control: H2's own cache, as MVStore makes it, keeps entries for the pages it evicted. */
    @Test
    void mvStoresOwnCacheKeepsEntriesForThePagesItEvicted() {
        SingleFileStore fileStore = new SingleFileStore(new HashMap<>(Map.of("cacheSize", 1)));
        int evicted = writeAndReadBack(fileStore);
        assertTrue(evicted > 100, evicted + " entries kept for evicted pages");
    }

    /**
     * Writes 24,000 random ~250-byte values over 20,000 keys in six commits (~5 MB of leaves through a 1 MB cache),
     * reads every key back and checks its latest value; answers the cache's entries for pages it no longer holds.
     */
    private int writeAndReadBack(FileStore<?> fileStore) {
        fileStore.open(dir.resolve("s.mv").toString(), false, null);
        MVStore store = new MVStore.Builder().adoptFileStore(fileStore).autoCommitDisabled().open();
        try {
            MVMap<byte[], byte[]> map = store.openMap("items",
                    new MVMap.Builder<byte[], byte[]>().keyType(UnsignedBytes.INSTANCE).valueType(UnsignedBytes.INSTANCE));
            Random random = new Random(5);
            Map<Integer, byte[]> expected = new HashMap<>();
            for (int round = 0; round < 6; round++) {
                for (int i = 0; i < 4_000; i++) {
                    int key = random.nextInt(20_000);
                    byte[] value = new byte[250];
                    random.nextBytes(value);
                    map.put(key(key), value);
                    expected.put(key, value);
                }
                store.commit();
            }
            expected.forEach((key, value) -> assertArrayEquals(value, map.get(key(key)), "key " + key));
            return PageCacheHistory.evictedEntries(fileStore);
        } finally {
            store.close();
        }
    }

    private static byte[] key(int key) {
        return ByteBuffer.allocate(4).putInt(key).array();
    }
}
