/**
 * The change log: what every item change looks like once committed, and how services read it.
 *
 * <p>item-service appends one {@link io.dynamis.core.change.ChangeRecord} per item change to its
 * write-ahead log in the same commit as the change itself, and a relay publishes the log to the
 * change-log topic, keyed by table and partition key. The record follows the DynamoDB Streams record
 * (eventName, Keys, OldImage, NewImage, SequenceNumber, SizeBytes, userIdentity), plus a
 * {@code dynamis} section saying which table incarnation and which shard it came from, so Streams,
 * backups, indexes and the accelerator all read the same bytes.
 *
 * <p>Delivery is at-least-once: the relay may publish a record again after a crash or a broker
 * outage. {@link io.dynamis.core.change.ChangeLogConsumer} is how a service reads the topic: it drops
 * those duplicates by sequence number, keeps its position durably and reports its lag.
 */
package io.dynamis.core.change;
