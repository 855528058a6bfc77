package io.dynamis.item.operations;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dynamis.core.key.KeyCodec;
import io.dynamis.core.query.KeyRange;
import org.junit.jupiter.api.Test;

/** The part of a read's range one shard reads in a Scan over several shards. */
class ReadItemsRangeTest {

    private static byte[] withHash(int hash) {
        byte[] key = java.util.Arrays.copyOf(KeyCodec.tablePrefix(9), 10);
        key[8] = (byte) (hash >>> 8);
        key[9] = (byte) hash;
        return key;
    }

    @Test
    void aWholeTableRangeIsCutToTheRunsHashes() {
        KeyRange table = KeyRange.prefix(KeyCodec.tablePrefix(9));
        KeyRange run = ReadItems.within(table, 32768, 65536);
        assertArrayEquals(withHash(32768), run.from());
        assertArrayEquals(KeyCodec.tablePrefix(10), run.to());
        KeyRange first = ReadItems.within(table, 0, 32768);
        assertArrayEquals(withHash(0), first.from());
        assertArrayEquals(withHash(32768), first.to());
    }

    @Test
    void aRangeResumingInsideTheRunKeepsItsStart() {
        byte[] resume = KeyRange.after(withHash(40000));
        KeyRange range = ReadItems.within(new KeyRange(resume, KeyCodec.tablePrefix(10)), 32768, 65536);
        assertArrayEquals(resume, range.from());
        assertFalse(range.isEmpty());
    }

    @Test
    void aRangeEntirelyBeforeTheRunIsEmpty() {
        KeyRange segment = new KeyRange(withHash(0), withHash(1000));
        assertTrue(ReadItems.within(segment, 32768, 65536).isEmpty());
    }
}
