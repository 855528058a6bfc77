/**
 * Global secondary indexes: {@link io.dynamis.query.gsi.GsiStore} (one MapDB file of index entries),
 * {@link io.dynamis.query.gsi.GsiMaintainer} (applies the change log to it, exactly once, and backfills
 * indexes added by UpdateTable), {@link io.dynamis.query.gsi.GsiProjection} (what an index keeps of an
 * item) and {@link io.dynamis.query.gsi.GsiReads} (Query and Scan of an index).
 */
package io.dynamis.query.gsi;
