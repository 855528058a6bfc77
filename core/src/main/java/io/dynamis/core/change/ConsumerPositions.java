package io.dynamis.core.change;

import java.util.Map;

/**
 * Where a change-log consumer keeps its position, durably. A service that keeps state of its own
 * (an index, an archive) should store the position in the same commit as the changes it applied, so
 * that a crash can never separate the two; {@link StoreFileConsumerPositions} does that for a store file.
 */
public interface ConsumerPositions {

    /** The saved positions, by partition of the topic; empty on the first start. */
    Map<Integer, PartitionPosition> load();

    /** Saves the positions durably; called after each applied batch. */
    void save(Map<Integer, PartitionPosition> positions);
}
