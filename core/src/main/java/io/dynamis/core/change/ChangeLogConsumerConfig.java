package io.dynamis.core.change;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Settings of every change-log consumer reading the Kafka topic (the services topology: GSIs in query-service,
 * coherence in cache-service, the archive in backup-service); the in-process log of the one process has none.
 */
@ConfigMapping(prefix = "dynamis.change-log.consumer")
public interface ChangeLogConsumerConfig {

    /**
     * After a poll that brought fewer than {@link #gatherBelowRecords()} records, how long a consumer waits before
     * its next poll, in milliseconds, so that the records of a steady write load come in one fetch a wait rather
     * than one fetch (and one broker request, one poll, one batch applied) each few records. A record after an
     * idle spell still comes at once. It adds up to this much lag under load; 0 (the default) turns it off: 5 ms
     * cut the broker's fetches per write by a quarter but no CPU saving showed in a like-for-like A/B
     * (docs/benchmarks.md). Environment: DYNAMIS_CHANGE_LOG_CONSUMER_GATHER_MILLIS.
     */
    @WithDefault("0")
    long gatherMillis();

    /**
     * A poll of at least this many records is followed at once by the next (a consumer catching up does not wait).
     * Environment: DYNAMIS_CHANGE_LOG_CONSUMER_GATHER_BELOW_RECORDS.
     */
    @WithDefault("64")
    int gatherBelowRecords();
}
