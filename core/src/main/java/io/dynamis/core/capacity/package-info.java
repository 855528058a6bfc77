/**
 * Capacity: DynamoDB's unit math ({@link io.dynamis.core.capacity.ConsumedCapacity}, the one place units are
 * computed) and its enforcement ({@link io.dynamis.core.capacity.CapacityGuard}).
 *
 * <p>How throttling works here. Every table and global index has, per direction, a
 * {@link io.dynamis.core.capacity.ThroughputLimit}: for a provisioned one a token bucket refilled at the
 * provisioned rate that keeps up to 300 seconds of unused capacity (DynamoDB's burst capacity); for an
 * on-demand one a level of twice the previous peak (at least the warm throughput, 12,000 reads and 4,000
 * writes a second; at most the 40,000 per-table quota) and the {@code OnDemandThroughput} maximum; in both,
 * partitions of 3,000 read / 1,000 write units a second, with adaptive capacity letting a hot partition use
 * whatever the table leaves unused up to that maximum. Requests are admitted on an estimate and settle their
 * real units afterwards, so a bucket may run into debt that the next requests wait out. Each bucket lives in
 * the one service that owns its data (item-service: tables and the writes of their global indexes;
 * query-service: reads of global indexes), with its own lock. Off by default ({@code dynamis.capacity.enforce}).
 */
package io.dynamis.core.capacity;
