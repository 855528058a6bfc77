/**
 * query-service: Query and Scan, and the global secondary indexes.
 *
 * <p>A Query or Scan arrives from the gateway unchanged. {@code operations/} validates it with the
 * shared engine ({@link io.dynamis.core.query.ReadRequest}), so a bad request is answered before
 * anything is forwarded. A base-table read (or one of a local index) is pushed down to item-service's
 * internal {@code DynamisReadItems} operation ({@code client/}), which reads its store with the key
 * condition, filter and projection applied and answers a DynamoDB page; {@code BaseTableReads} is where
 * the pages of several shards will be merged. Errors item-service answers pass back unchanged. A read
 * of a global secondary index is answered here, from {@code gsi/}, which keeps those indexes from the
 * change log; {@code catalog/} fetches table definitions from item-service.
 */
package io.dynamis.query;
