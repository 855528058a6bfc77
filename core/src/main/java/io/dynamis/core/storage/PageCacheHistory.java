package io.dynamis.core.storage;

import java.lang.reflect.Field;
import org.h2.mvstore.FileStore;
import org.h2.mvstore.cache.CacheLongKeyLIRS;

/**
 * Turns off the history MVStore's page cache keeps of the pages it evicted.
 *
 * <p>H2's cache (LIRS) keeps, beside the pages it holds, an entry for each of the pages it last evicted (from 3 up
 * to 12 times as many as it holds), each with a weak reference to its page, so that a page read again soon
 * after its eviction counts as hot. In a file that is copy-on-write, most of those pages are versions a later
 * change replaced, never read again: under writes spread over a table larger than the cache (a bulk load),
 * 300,000 items into a 64 MB cache left 347,000 entries and 314,000 weak references on the heap (32 MB, in the
 * old generation, every weak reference for the collector to process) beside about 16,000 pages held. Without
 * that history the cache still ranks the pages it holds as LIRS does; a 1,000,000-item bulk load took 97-106 µs
 * of CPU an item instead of 120-126 (docs/benchmarks.md, 2026-12-07 (18:10)).
 *
 * <p>H2 2.3 has no setting for it (its {@code Config} fields are constants copied into the cache when made), so
 * the cache and its segments are set here after the file store made them; with another H2 whose fields differ,
 * the cache stays as MVStore made it.
 */
final class PageCacheHistory {

    private PageCacheHistory() {
    }

    /**
     * Makes the page cache of a file store (before it is opened) keep no entry for a page it evicted; with an H2
     * that has no such cache fields, changes nothing.
     */
    static void turnOff(FileStore<?> store) {
        try {
            CacheLongKeyLIRS<?> cache = pageCache(store);
            Field segmentsField = CacheLongKeyLIRS.class.getDeclaredField("segments");
            segmentsField.setAccessible(true);
            Object[] segments = (Object[]) segmentsField.get(cache);
            Field low = historyField(CacheLongKeyLIRS.class, "nonResidentQueueSize");
            Field high = historyField(CacheLongKeyLIRS.class, "nonResidentQueueSizeHigh");
            Class<?> segmentClass = segments.getClass().getComponentType();
            Field segmentLow = historyField(segmentClass, "nonResidentQueueSize");
            Field segmentHigh = historyField(segmentClass, "nonResidentQueueSizeHigh");
            // the cache's own, which clear() gives the segments it makes anew; then each segment's (a segment
            // grown larger copies them from the one it replaces)
            low.setInt(cache, 0);
            high.setInt(cache, 0);
            for (Object segment : segments) {
                segmentLow.setInt(segment, 0);
                segmentHigh.setInt(segment, 0);
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            // another H2 version: its cache as it makes it
        }
    }

    /** The file store's page cache (a ClassCastException when this H2 keeps another kind). */
    private static CacheLongKeyLIRS<?> pageCache(FileStore<?> store) throws ReflectiveOperationException {
        Field field = FileStore.class.getDeclaredField("cache");
        field.setAccessible(true);
        return (CacheLongKeyLIRS<?>) field.get(store);
    }

    private static Field historyField(Class<?> type, String name) throws NoSuchFieldException {
        Field field = type.getDeclaredField(name);
        if (field.getType() != int.class) {
            throw new NoSuchFieldException(name);
        }
        field.setAccessible(true);
        return field;
    }

    /** For tests: the entries the page cache of a file store keeps for pages it no longer holds. */
    static int evictedEntries(FileStore<?> store) {
        try {
            return pageCache(store).sizeNonResident();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
