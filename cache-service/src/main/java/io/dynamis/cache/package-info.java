/**
 * cache-service: the DAX-style accelerator, on a cluster of embedded Hazelcast members.
 *
 * <p>The gateway's accelerator endpoint ({@code :8111}) forwards the item and query operations here;
 * everything else goes where {@code :8000} sends it. {@code operations/} answers GetItem and
 * BatchGetItem from the item cache and Query and Scan from the query cache ({@code store/}), sends
 * misses, strongly consistent reads and TransactGetItems to item-service or query-service
 * ({@code client/}), and writes through ({@code operations/WriteThrough}). {@code coherence/} applies the
 * change log to the cache so that writes made elsewhere stop stale reads within a measured delay.
 * {@code cluster/} runs the Hazelcast member; {@code admin/} serves the stats and flush routes.
 */
package io.dynamis.cache;
