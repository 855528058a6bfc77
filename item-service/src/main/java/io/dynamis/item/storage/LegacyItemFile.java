package io.dynamis.item.storage;

import io.dynamis.core.storage.LegacyMapDbFile;
import io.dynamis.core.storage.StoreFile;
import org.h2.mvstore.MVMap;
import org.mapdb.DB;
import org.mapdb.Serializer;

/**
 * The maps of a shard written by an earlier version (a MapDB file, {@code shard-0.db}, with values inside
 * or outside its B-tree nodes), copied into the store file by {@link LegacyMapDbFile} at the first start.
 * The redo log beside them is left alone and applied on top afterwards, as after any restart.
 */
final class LegacyItemFile {

    private LegacyItemFile() {
    }

    static void copy(DB old, StoreFile store) {
        LegacyMapDbFile.copy(old.treeMap("items", Serializer.BYTE_ARRAY, Serializer.BYTE_ARRAY).createOrOpen(),
                store.bytesMap("items"));
        LegacyMapDbFile.copy(old.treeMap("local-indexes", Serializer.BYTE_ARRAY, Serializer.BYTE_ARRAY).createOrOpen(),
                store.bytesMap("local-indexes"));
        LegacyMapDbFile.copy(old.hashMap("catalog", Serializer.STRING, Serializer.BYTE_ARRAY).createOrOpen(),
                store.namedMap("catalog"));
        LegacyMapDbFile.copy(old.hashMap("table-stats", Serializer.LONG, Serializer.LONG_ARRAY).createOrOpen(),
                store.longArrays("table-stats"));
        LegacyMapDbFile.copy(old.treeMap("change-log", Serializer.LONG, Serializer.BYTE_ARRAY).createOrOpen(),
                store.longMap("change-log"));
        LegacyMapDbFile.copy(old.hashMap("transaction-tokens", Serializer.STRING, Serializer.BYTE_ARRAY).createOrOpen(),
                store.namedMap("transaction-tokens"));
        LegacyMapDbFile.copy(old.hashMap("principals", Serializer.STRING, Serializer.BYTE_ARRAY).createOrOpen(),
                store.namedMap("principals"));
        MVMap<String, Long> counters = store.counters("counters");
        counters.put("next-store-id", old.atomicLong("next-store-id", 1).createOrOpen().get());
        counters.put("last-sequence", old.atomicLong("change-log-last-sequence", 0).createOrOpen().get());
        counters.put("relayed-sequence", old.atomicLong("change-log-relayed-sequence", 0).createOrOpen().get());
    }
}
