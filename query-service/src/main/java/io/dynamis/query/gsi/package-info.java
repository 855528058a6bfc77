/**
 * Global secondary indexes: {@link io.dynamis.query.gsi.GsiStore} (one store file of index entries),
 * {@link io.dynamis.query.gsi.GsiMaintainer} (applies the change log to it, exactly once, and backfills
 * indexes added by UpdateTable), {@link io.dynamis.query.gsi.GsiProjection} (what an index keeps of an
 * item), {@link io.dynamis.query.gsi.GsiReads} (Query and Scan of an index) and
 * {@link io.dynamis.query.gsi.ReadAfterWrite} (a read first waits, bounded, until the index holds the
 * writes acknowledged before it).
 */
package io.dynamis.query.gsi;
