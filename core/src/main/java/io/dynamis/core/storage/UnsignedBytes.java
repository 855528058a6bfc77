package io.dynamis.core.storage;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;

/**
 * Byte arrays as MVStore keys and values, ordered as unsigned bytes: the order of
 * {@link io.dynamis.core.key.KeyCodec}'s keys (a table, a partition and a sort-key range are each one
 * contiguous range).
 */
public final class UnsignedBytes extends BasicDataType<byte[]> {

    public static final UnsignedBytes INSTANCE = new UnsignedBytes();

    private UnsignedBytes() {
    }

    @Override
    public int compare(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, b);
    }

    @Override
    public int getMemory(byte[] value) {
        return 24 + value.length;
    }

    @Override
    public void write(WriteBuffer buffer, byte[] value) {
        buffer.putVarInt(value.length).put(value);
    }

    @Override
    public byte[] read(ByteBuffer buffer) {
        byte[] value = new byte[DataUtils.readVarInt(buffer)];
        buffer.get(value);
        return value;
    }

    @Override
    public byte[][] createStorage(int size) {
        return new byte[size][];
    }
}
