package io.dynamis.core.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.h2.mvstore.WriteBuffer;
import org.junit.jupiter.api.Test;

/** A chunk bigger than MVStore's own 4 MB buffers finds its buffer ready at the next checkpoint. */
class ChunkBufferStoreTest {

    private static final int CHUNK = 6 << 20;

    @Test
    void theBufferABigChunkGrewIsKeptForTheNext() {
        ChunkBufferStore store = new ChunkBufferStore(new HashMap<>(Map.of("cacheSize", 1)), Integer.MAX_VALUE);
        WriteBuffer first = store.getWriteBuffer();
        first.put(new byte[CHUNK]); // grows past 4 MB, as a big checkpoint's chunk does
        store.releaseWriteBuffer(first);
        assertTrue(store.keptCapacity() >= CHUNK, "kept " + store.keptCapacity());

        WriteBuffer second = store.getWriteBuffer();
        int capacity = second.capacity();
        assertTrue(capacity >= CHUNK, "handed out " + capacity);
        assertEquals(0, second.position());
        second.put(new byte[CHUNK]);
        assertEquals(capacity, second.capacity(), "the same chunk fits without growing");
        store.releaseWriteBuffer(second);
        assertSame(second, store.getWriteBuffer());
    }

    @Test
    void theKeptBufferIsOutsideTheHeapAndHoldsWhatIsWrittenIntoIt() {
        ChunkBufferStore store = new ChunkBufferStore(new HashMap<>(Map.of("cacheSize", 1)), Integer.MAX_VALUE);
        WriteBuffer first = store.getWriteBuffer();
        first.put(new byte[CHUNK]);
        store.releaseWriteBuffer(first);

        WriteBuffer kept = store.getWriteBuffer();
        assertTrue(kept.getBuffer().isDirect(), "a kept chunk buffer is no humongous heap array");
        byte[] chunk = new byte[CHUNK];
        Arrays.fill(chunk, (byte) 7);
        kept.putInt(42).put(chunk);
        ByteBuffer written = kept.getBuffer().duplicate().flip();
        assertEquals(4 + CHUNK, written.remaining());
        assertEquals(42, written.getInt());
        assertEquals(7, written.get(4 + CHUNK - 1));
        store.releaseWriteBuffer(kept);
        assertTrue(store.getWriteBuffer().getBuffer().isDirect(), "cleared, still the same memory");
    }

    @Test
    void aChunkOverTheLimitIsNotKept() {
        ChunkBufferStore store = new ChunkBufferStore(new HashMap<>(Map.of("cacheSize", 1)), Integer.MAX_VALUE);
        WriteBuffer buffer = store.getWriteBuffer();
        buffer.put(new byte[ChunkBufferStore.MAX_KEPT_BYTES + 1]);
        store.releaseWriteBuffer(buffer);
        assertEquals(0, store.keptCapacity());
    }
}
