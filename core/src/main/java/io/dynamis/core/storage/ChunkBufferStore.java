package io.dynamis.core.storage;

import java.lang.reflect.Field;
import java.util.Map;
import org.h2.mvstore.FileStore;
import org.h2.mvstore.SingleFileStore;
import org.h2.mvstore.WriteBuffer;

/**
 * MVStore's single file, keeping the buffer that checkpoints serialize their chunk into from one checkpoint to the
 * next, whatever its size.
 *
 * <p>MVStore keeps write buffers of up to 4 MB only. A checkpoint of spread-out writes is a chunk of tens of
 * megabytes (every leaf a change touched is written again), so each one grew a fresh buffer from 4 MB by halves
 * (4, 6, 9, ... 45 MB: three times the chunk allocated and copied), every step a humongous object for G1, each
 * of which may start a concurrent marking cycle. Here the largest chunk buffer (up to {@link #MAX_KEPT_BYTES})
 * is kept and handed to the next checkpoint: a file then allocates a big buffer only when its chunks outgrow the
 * last one. The cost is that buffer's memory, held while the store is open: outside the heap
 * ({@link DirectWriteBuffer}), where it is no humongous object for G1 to keep and the file is written from it
 * without a copy.
 *
 * <p>It also sets the size past which the file's pages split: MVStore fixes it at 16 KB (with a large page cache)
 * when it makes the file store, and H2 2.3's builder setting for it is read by nothing. And its page cache keeps
 * no entries for the pages it evicted ({@link PageCacheHistory}).
 */
final class ChunkBufferStore extends SingleFileStore {

    /** MVStore's own limit: it keeps buffers up to this size itself. */
    private static final int MVSTORE_KEPT_BYTES = 4 << 20;
    /** The largest buffer kept; a bigger chunk's buffer is allocated for it and dropped, as MVStore does. */
    static final int MAX_KEPT_BYTES = 64 << 20;

    /** The big buffer when no one uses it, the one lent, and its capacity once one was made. */
    private WriteBuffer big;
    private WriteBuffer lent;
    private int bigCapacity;

    /**
     * The file's largest page, which MVStore sets to 16 KB when it makes the file store (or less with a small
     * cache) and never from its builder: H2 2.3's {@code MVStore.Builder.pageSplitSize} is read by nothing.
     */
    private static final Field MAX_PAGE_SIZE = maxPageSizeField();

    ChunkBufferStore(Map<String, Object> config, int maxPageBytes) {
        super(config);
        if (MAX_PAGE_SIZE != null && maxPageBytes < getMaxPageSize()) {
            try {
                MAX_PAGE_SIZE.setInt(this, maxPageBytes);
            } catch (IllegalAccessException | RuntimeException e) {
                // as MVStore made it
            }
        }
        PageCacheHistory.turnOff(this);
    }

    private static Field maxPageSizeField() {
        try {
            Field field = FileStore.class.getDeclaredField("maxPageSize");
            field.setAccessible(true);
            return field.getType() == int.class ? field : null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null; // another H2 version: its pages split as it decides
        }
    }

    @Override
    public synchronized WriteBuffer getWriteBuffer() {
        WriteBuffer buffer = big;
        if (buffer == null) {
            return super.getWriteBuffer();
        }
        big = null;
        lent = buffer;
        return buffer.clear(); // keeps the array it was made with
    }

    @Override
    public synchronized void releaseWriteBuffer(WriteBuffer buffer) {
        int capacity = buffer.capacity();
        if (buffer == lent) {
            lent = null;
            if (capacity <= bigCapacity) {
                big = buffer;
                return;
            }
        }
        if (capacity <= MVSTORE_KEPT_BYTES) {
            super.releaseWriteBuffer(buffer);
        } else if (capacity > bigCapacity && capacity <= MAX_KEPT_BYTES) {
            // grown past the last big one: its own clear() would drop the grown array, so make one of that size
            bigCapacity = Math.min(MAX_KEPT_BYTES, capacity + capacity / 8);
            big = DirectWriteBuffer.of(bigCapacity);
        } // else dropped, as MVStore drops every buffer over 4 MB
    }

    /** The capacity of the kept big buffer (0: none yet). */
    synchronized int keptCapacity() {
        return bigCapacity;
    }
}
