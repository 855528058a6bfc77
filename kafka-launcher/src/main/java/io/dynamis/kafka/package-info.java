/**
 * The Dynamis Kafka launcher: a small program that runs a single-node, loopback-only Apache Kafka
 * broker in KRaft mode (no ZooKeeper) from the Kafka jars published on Maven Central, so that the
 * Dynamis services have a local event log without any external installation.
 *
 * <p>The entry point is {@link io.dynamis.kafka.KafkaBroker}.
 */
package io.dynamis.kafka;
