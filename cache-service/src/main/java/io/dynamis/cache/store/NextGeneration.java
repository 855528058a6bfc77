package io.dynamis.cache.store;

import com.hazelcast.map.EntryProcessor;
import java.util.Map;

/** Moves a table's query-page generation on by one, atomically on the member owning it. */
public final class NextGeneration implements EntryProcessor<String, Long, Long> {

    private static final long serialVersionUID = 1L;

    @Override
    public Long process(Map.Entry<String, Long> entry) {
        long next = entry.getValue() == null ? 1 : entry.getValue() + 1;
        entry.setValue(next);
        return next;
    }
}
