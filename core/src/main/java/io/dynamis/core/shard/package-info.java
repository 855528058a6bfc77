/**
 * Shards and the router: how item-service scales out.
 *
 * <p>Every item belongs to one of 4,096 slots (the top 12 bits of the 16-bit partition hash its storage key
 * already carries) and every slot to one item-service shard ({@link io.dynamis.core.shard.SlotMap}). The
 * shard count is fixed when a cluster is created ({@code dynamis.item.shards}); each shard records it in
 * its data folder and refuses to start with another, and refuses any key of a slot it does not hold, so a
 * caller with a wrong map gets an error rather than a misplaced item.
 *
 * <p>{@link io.dynamis.core.shard.ShardRouter} is the only way any service reaches item-service: the
 * gateway for item operations, query-service for Query (one shard) and Scan (every shard, merged into
 * DynamoDB pages), cache-service for fills and write-through, backup-service for restores. With one shard
 * (the local default) it passes every call through unchanged. Shard 0 is the catalog authority: table
 * operations go there, and it applies each catalog change on every other shard before answering.
 */
package io.dynamis.core.shard;
