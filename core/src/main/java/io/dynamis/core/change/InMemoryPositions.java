package io.dynamis.core.change;

import java.util.HashMap;
import java.util.Map;

/**
 * Positions kept for the process's life only: for a consumer whose state does not outlive the process (the
 * cache's coherence, which starts from the end of the log), so there is nothing to resume after a restart.
 */
public final class InMemoryPositions implements ConsumerPositions {

    private final Map<Integer, PartitionPosition> positions = new HashMap<>();

    @Override
    public synchronized Map<Integer, PartitionPosition> load() {
        return new HashMap<>(positions);
    }

    @Override
    public synchronized void save(Map<Integer, PartitionPosition> saved) {
        positions.putAll(saved);
    }
}
