package io.dynamis.core.change;

import com.fasterxml.jackson.core.type.TypeReference;
import io.dynamis.core.json.Json;
import io.dynamis.core.storage.StoreFile;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.h2.mvstore.MVMap;
import org.mapdb.DB;
import org.mapdb.Serializer;

/**
 * Consumer positions in a {@link StoreFile}, made durable by {@link #save}. When the consuming service
 * applies its changes to the same file without a checkpoint of its own, that one checkpoint makes both
 * durable together: after a crash the file holds the changes up to the saved position, never fewer.
 */
public final class StoreFileConsumerPositions implements ConsumerPositions {

    private static final TypeReference<Map<Integer, Long>> SEQUENCES = new TypeReference<>() {
    };

    private final StoreFile file;
    private final MVMap<Long, byte[]> positions;

    /** Positions under the named map of {@code file} (one name per consumer). */
    public StoreFileConsumerPositions(StoreFile file, String name) {
        this.file = file;
        this.positions = file.longMap(name);
    }

    /** Copies the positions an earlier version kept in a MapDB file into the new file, under the same name. */
    public static void copyLegacy(DB legacy, String name, StoreFile target) {
        MVMap<Long, byte[]> positions = target.longMap(name);
        legacy.hashMap(name, Serializer.INTEGER, Serializer.BYTE_ARRAY).createOrOpen()
                .forEach((partition, bytes) -> positions.put(partition.longValue(), bytes));
    }

    @Override
    public Map<Integer, PartitionPosition> load() {
        Map<Integer, PartitionPosition> loaded = new HashMap<>();
        positions.forEach((partition, bytes) -> loaded.put(partition.intValue(), decode(bytes)));
        return loaded;
    }

    @Override
    public void save(Map<Integer, PartitionPosition> current) {
        current.forEach((partition, position) -> positions.put(partition.longValue(), encode(position)));
        file.checkpoint();
    }

    private static byte[] encode(PartitionPosition position) {
        return Json.toBytes(Map.of("nextOffset", position.nextOffset(),
                "lastSequenceByShard", position.lastSequenceByShard()));
    }

    private static PartitionPosition decode(byte[] bytes) {
        try {
            var node = Json.MAPPER.readTree(bytes);
            Map<Integer, Long> sequences = Json.MAPPER.convertValue(node.get("lastSequenceByShard"), SEQUENCES);
            return new PartitionPosition(node.get("nextOffset").asLong(), sequences);
        } catch (IOException e) {
            throw new IllegalStateException("unreadable consumer position", e);
        }
    }
}
