/**
 * DynamoDB Streams (ListStreams, DescribeStream, GetShardIterator, GetRecords), served from the archive.
 *
 * <p>A table's streams are the entries of its stream history, which item-service keeps in the catalog
 * ({@link io.dynamis.core.table.StreamHistory}); {@link io.dynamis.backup.streams.StreamCatalog} resolves
 * an ARN to one of them. Each stream has one shard per item-service shard, read by
 * {@link io.dynamis.backup.streams.StreamShards} from the table's archived records: open while the stream
 * is enabled, closed at its disable time once disabled (readable to its end for 24 hours, then gone).
 * Shard iterators carry their whole state ({@link io.dynamis.backup.streams.ShardIterators}), so any
 * replica answers any call; requests are checked member by member as DynamoDB checks them before
 * anything is looked up.
 */
package io.dynamis.backup.streams;
