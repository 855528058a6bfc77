/** DynamoDB Streams (ListStreams, DescribeStream, GetShardIterator, GetRecords), served from the archive. */
package io.dynamis.backup.streams;
