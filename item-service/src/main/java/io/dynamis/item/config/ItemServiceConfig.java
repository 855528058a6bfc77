package io.dynamis.item.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** item-service settings; each can be overridden by its environment variable (e.g. DYNAMIS_ITEM_DATA_DIR). */
@ConfigMapping(prefix = "dynamis.item")
public interface ItemServiceConfig {

    /** The folder holding this service's store file and redo log. */
    @WithDefault("data/item-service")
    String dataDir();

    /** The region written into table ARNs. */
    @WithDefault("us-east-1")
    String region();

    /** The account id written into table ARNs. */
    @WithDefault("000000000000")
    String accountId();

    /** Base URL of query-service, which owns the global secondary indexes (DescribeTable asks it for their sizes). */
    @WithDefault("http://127.0.0.1:8202")
    String queryServiceUrl();

    /** This item-service's shard number: part of every change record's identity. */
    @WithDefault("0")
    int shard();

    /**
     * The number of item-service shards of the cluster, fixed when it is created (recorded in each shard's
     * data folder; a shard refuses to start with another count). Callers read the same setting and
     * {@code dynamis.item.shard-urls} (see core's {@code ShardRouter}).
     */
    @WithDefault("1")
    int shards();

    /**
     * The URL of every shard, in shard order (required with more than one shard; read by core's
     * {@code ShardRouter} in every process, mapped here because this service owns the {@code dynamis.item} prefix).
     */
    java.util.Optional<java.util.List<String>> shardUrls();

    /** How any process's router reaches the shards (read by core's {@code ShardRouter}). */
    Router router();

    interface Router {
        /** Keep-alive connections kept open to each shard, from each event loop. */
        @WithDefault("64")
        int connections();

        /** How long a call to a shard may take, in milliseconds. */
        @WithDefault("60000")
        long timeoutMillis();
    }

    /** Group commit: how writes are gathered into one durable commit. */
    Commit commit();

    interface Commit {
        /** Most writes gathered into one commit. */
        @WithDefault("256")
        int maxBatch();

        /**
         * Longest time, in microseconds, a commit waits for more writes once it has one. Zero means
         * it never waits: a lone writer pays no extra delay, and concurrent writers still share a
         * commit because they queue up while the previous one is on its way to disk.
         */
        @WithDefault("0")
        long maxWaitMicros();

        /**
         * Longest time between two checkpoints (commits of the store file). A group commit is durable in
         * the redo log at once; a checkpoint bounds how much of it a restart has to replay. A checkpoint
         * runs beside the writer (its own thread writes the pages changed since the last one), so it
         * costs disk writes and CPU, not waiting.
         */
        @WithDefault("PT10S")
        java.time.Duration checkpointInterval();

        /** Redo-log size, in bytes, that brings a checkpoint forward. */
        @WithDefault("134217728")
        long checkpointBytes();

        /**
         * Megabytes of changed pages held in memory (MVStore's estimate) that bring a checkpoint forward. A
         * checkpoint writes every leaf changed since the last one whole, so under writes spread over a large
         * table (a bulk load) it writes about one leaf per write when it comes every few thousand writes, and
         * fewer per write the more writes it gathers; the redo log ({@link #checkpointBytes}) still bounds
         * what a restart replays. Held on the heap until the checkpoint has written them. 40: 160 cut a bulk
         * load's checkpoint CPU per item by 18-22 % but took PutItem's p99 from 25-48 ms to 205-213 ms (one
         * process) and the services' PutItem at 16 clients from 1,845/s to 1,112/s (docs/benchmarks.md,
         * 2026-12-06 (18:30)); raise it for a bulk load.
         */
        @WithDefault("40")
        int checkpointUnsavedMegabytes();

        /** Megabytes of the store file's page cache (pages read back from disk, kept in memory). */
        @WithDefault("64")
        int cacheMegabytes();
    }

    /** The change log and its relay to Kafka. */
    ChangeLog changeLog();

    interface ChangeLog {
        /** Whether the relay publishes the log to Kafka (off: the log still grows and waits for it). */
        @WithDefault("true")
        boolean relayEnabled();

        /** The change-log topic. */
        @WithDefault(io.dynamis.core.change.ChangeLogTopic.DEFAULT_NAME)
        String topic();

        /**
         * Partitions the relay creates the topic with, if it does not exist. One: every consumer reads all of them on
         * one thread, and the broker's and the consumers' work is per partition batch in a produce request and per
         * partition in a fetch, so more partitions on one broker only split the same records into more, smaller
         * batches (docs/benchmarks.md, 2026-12-07 (05:40)). Order per item holds with any count (an item's key
         * always goes to the same partition).
         */
        @WithDefault("1")
        int partitions();

        /** Replication factor the relay creates the topic with (1 for a single local broker). */
        @WithDefault("1")
        short replicationFactor();

        /**
         * How long the producer waits for more records to fill a batch, in milliseconds (Kafka's {@code linger.ms}):
         * longer, fewer and larger produce requests (fewer fetches for every consumer) against that much more
         * change-log lag. 10 ms: below 5 ms, each group commit was a produce request of its own and every
         * consumer fetched once per produce request, at 16 writers in flight ~0.45 broker requests per write
         * (docs/benchmarks.md, 2026-12-06 (17:30)); 10 ms against 5 took the broker's and the three consumers'
         * CPU per write at 16 writers down by ~20-25 % (2026-12-06 (23:35)); 30 ms against 10 by another ~40 % (their
         * cost is per produce request, not per write: 2026-12-07 (02:45)).
         */
        @WithDefault("30")
        int lingerMillis();

        /**
         * Most bytes of records in one of the producer's batches (Kafka's {@code batch.size}): a batch that fills up goes
         * before its linger is over. Kafka's 16 KB held ~34 of the harness's records, so at ~2,800 writes a second a
         * produce request (and every consumer's fetch) went every ~12 ms, not every 30: 256 KB holds a linger's records
         * up to ~18,000 writes a second (docs/benchmarks.md, 2026-12-07 (11:59)). Memory: up to the in-flight batches
         * and one filling, each this big, from the producer's 64 MB buffer.
         */
        @WithDefault("262144")
        int batchBytes();

        /** Most records published and not yet acknowledged at a time. */
        @WithDefault("4096")
        int maxInFlight();

        /** How long acknowledged entries stay in the local log before they are trimmed. */
        @WithDefault("PT10M")
        java.time.Duration retention();

        /** Wait before publishing again after the broker refused or lost records. */
        @WithDefault("PT1S")
        java.time.Duration retryBackoff();
    }

    /** Time to live: the sweeper that deletes expired items. */
    Ttl ttl();

    interface Ttl {
        /** Whether the sweeper runs at all. */
        @WithDefault("true")
        boolean enabled();

        /** Time between two sweeps; an expired item is deleted within about one interval (a table small enough to be examined in one sweep). */
        @WithDefault("PT20S")
        java.time.Duration sweepInterval();

        /** Most items one sweep examines, over all tables; a larger table is examined over several sweeps. */
        @WithDefault("100000")
        int itemsPerSweep();

        /** Most expired items deleted in one commit. */
        @WithDefault("100")
        int deleteBatch();
    }
}
