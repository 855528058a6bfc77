package io.dynamis.core.change;

import com.fasterxml.jackson.core.type.TypeReference;
import io.dynamis.core.json.Json;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.mapdb.DB;
import org.mapdb.HTreeMap;
import org.mapdb.Serializer;

/**
 * Consumer positions in a MapDB store, committed by {@link #save}. When the consuming service applies
 * its changes to the same {@link DB} without committing, that one commit makes both durable together.
 * The DB must be a transactional one ({@code transactionEnable}) for the position to survive a crash.
 */
public final class MapDbConsumerPositions implements ConsumerPositions {

    private static final TypeReference<Map<Integer, Long>> SEQUENCES = new TypeReference<>() {
    };

    private final DB db;
    private final HTreeMap<Integer, byte[]> positions;

    /** Positions under the named map of {@code db} (one name per consumer). */
    public MapDbConsumerPositions(DB db, String name) {
        this.db = db;
        this.positions = db.hashMap(name, Serializer.INTEGER, Serializer.BYTE_ARRAY).createOrOpen();
    }

    @Override
    public Map<Integer, PartitionPosition> load() {
        Map<Integer, PartitionPosition> loaded = new HashMap<>();
        positions.forEach((partition, bytes) -> loaded.put(partition, decode(bytes)));
        return loaded;
    }

    @Override
    public void save(Map<Integer, PartitionPosition> current) {
        current.forEach((partition, position) -> positions.put(partition, encode(position)));
        db.commit();
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
