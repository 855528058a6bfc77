/**
 * query-service: Query and Scan (later also the global secondary indexes).
 *
 * <p>A Query or Scan arrives from the gateway unchanged. {@code operations/} validates it with the
 * shared engine ({@link io.dynamis.core.query.ReadRequest}), so a bad request is answered before
 * anything is forwarded, then pushes a base-table read down to item-service's internal
 * {@code DynamisReadItems} operation ({@code client/}), which reads its store with the key condition,
 * filter and projection applied and answers a DynamoDB page; {@code BaseTableReads} is where the pages
 * of several shards will be merged. Errors item-service answers pass back unchanged.
 */
package io.dynamis.query;
