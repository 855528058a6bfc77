package io.dynamis.core.storage;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import org.h2.mvstore.WriteBuffer;

/**
 * MVStore's {@link WriteBuffer} over memory outside the Java heap, for the chunk buffers a store file keeps from
 * one checkpoint to the next ({@link ChunkBufferStore}).
 *
 * <p>Why: a kept chunk buffer is tens of megabytes held for the life of the store, one per store file (the item
 * store, the index store, the archive and its overlay). On the heap each is a humongous object for G1 (over half
 * a 1 MB region): its allocation starts a concurrent marking cycle, and together they held ~190 MB of the old
 * generation under PutItem with a GSI, so marking and mixed collections came ever more often the longer writes
 * ran (docs/benchmarks.md, 2026-12-07 (05:45)). A heap buffer was also copied, whole, into a temporary direct
 * buffer of the same size by every file write (NIO writes only from native memory), which that thread then kept.
 * Outside the heap the chunk is written from where it was serialized.
 *
 * <p>WriteBuffer makes its own memory with {@link ByteBuffer#allocate} and has no constructor taking a buffer, so
 * its two fields are set here; it reads and writes them only through the {@link ByteBuffer} interface (an array
 * is asked for only when a page is compressed, which these stores never do). If this H2 version's fields are not
 * found, the buffer is made on the heap as before.
 */
final class DirectWriteBuffer {

    /** WriteBuffer's current buffer and the one it returns to on {@code clear()}. */
    private static final VarHandle BUFF;
    private static final VarHandle REUSE;

    static {
        VarHandle buff = null;
        VarHandle reuse = null;
        try {
            MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(WriteBuffer.class, MethodHandles.lookup());
            buff = lookup.findVarHandle(WriteBuffer.class, "buff", ByteBuffer.class);
            reuse = lookup.findVarHandle(WriteBuffer.class, "reuse", ByteBuffer.class);
        } catch (ReflectiveOperationException | RuntimeException e) {
            buff = null;
            reuse = null;
        }
        BUFF = buff;
        REUSE = reuse;
    }

    private DirectWriteBuffer() {
    }

    /** A write buffer of {@code capacity} bytes, outside the heap when this H2 version allows it. */
    static WriteBuffer of(int capacity) {
        if (BUFF == null) {
            return new WriteBuffer(capacity);
        }
        WriteBuffer buffer = new WriteBuffer(0);
        ByteBuffer memory = ByteBuffer.allocateDirect(capacity);
        REUSE.set(buffer, memory);
        BUFF.set(buffer, memory);
        return buffer;
    }
}
