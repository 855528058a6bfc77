/**
 * The relay from the store's change log to the change-log topic.
 *
 * <p>Every commit of the item store carries the change records of its item changes (see
 * {@link io.dynamis.item.storage.ChangeLogWriter}). {@link io.dynamis.item.changelog.ChangeLogRelay}
 * reads the log after each durable commit and publishes it in sequence order with a plain Kafka producer
 * (no messaging layer: each record goes straight into the producer's batches), keyed by table and
 * partition key, so each item's changes stay in order. It counts the broker's acknowledgements into a contiguous "relayed through" sequence number and records that
 * number in the store; after a crash it resumes from there, and after a refused or lost send it
 * publishes again from there. Delivery is therefore at-least-once and consumers drop duplicates by
 * sequence number ({@link io.dynamis.core.change.ChangeLogConsumer}).
 *
 * <p>Ordering across a broker outage comes from Kafka's idempotent producer: it retries in order for
 * as long as it takes, and the broker never writes a record of a partition before the earlier ones
 * ({@link ChangeLogProducerSettings}).
 */
package io.dynamis.item.changelog;
