package io.dynamis.item.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** item-service settings; each can be overridden by its environment variable (e.g. DYNAMIS_ITEM_DATA_DIR). */
@ConfigMapping(prefix = "dynamis.item")
public interface ItemServiceConfig {

    /** The folder holding this service's MapDB files. */
    @WithDefault("data/item-service")
    String dataDir();

    /** The region written into table ARNs. */
    @WithDefault("us-east-1")
    String region();

    /** The account id written into table ARNs. */
    @WithDefault("000000000000")
    String accountId();

    /** Group commit: how writes are gathered into one durable MapDB commit. */
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
    }
}
