package io.dynamis.query.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** query-service settings; each can be overridden by its environment variable (e.g. DYNAMIS_QUERY_ITEM_SERVICE_URL). */
@ConfigMapping(prefix = "dynamis.query")
public interface QueryServiceConfig {

    /** Base URL of item-service, which executes base-table reads with filter and projection pushed down. */
    @WithDefault("http://127.0.0.1:8201")
    String itemServiceUrl();

    /** Keep-alive connections kept open to item-service, from each event loop. */
    @WithDefault("32")
    int itemServiceConnections();

    /** How long a read forwarded to item-service may take, in milliseconds, before the client gets an error. */
    @WithDefault("60000")
    long readTimeoutMillis();

    /** The folder holding this service's store file of global secondary indexes. */
    @WithDefault("data/query-service")
    String dataDir();

    /** How long a table definition fetched from item-service is reused, in milliseconds. */
    @WithDefault("1000")
    long catalogCacheMillis();

    /** Whether the global secondary indexes are kept up to date from the change log (off in unit tests). */
    @WithDefault("true")
    boolean gsiMaintenanceEnabled();

    /**
     * How often the entries of deleted global indexes (and of deleted tables' indexes) are looked for and
     * purged from the index store.
     */
    @WithDefault("PT1M")
    java.time.Duration gsiCleanupInterval();

    /**
     * How often the index store is checkpointed together with the change-log position applied so far, while
     * changes keep coming. Each checkpoint writes every index page changed since the last one; a longer
     * interval writes each page once for more changes, and after a crash applies the changes since the
     * last checkpoint again (the change log keeps them until then).
     */
    @WithDefault("PT5S")
    java.time.Duration gsiSaveInterval();

    /**
     * Megabytes of the index store's page cache (index pages read back from disk, kept in memory): writes
     * spread over a large index read the pages they change from it.
     */
    @WithDefault("64")
    int gsiCacheMegabytes();

    /**
     * Whether a Query or Scan of a global secondary index first waits until the index has applied every
     * write item-service had acknowledged when the read arrived (as DynamoDB Local's indexes behave); false
     * gives DynamoDB's eventually consistent indexes (a read may miss writes of the last milliseconds).
     */
    @WithDefault("true")
    boolean gsiReadAfterWrite();

    /** The longest such a read waits for the index to catch up; after it, the read answers from the index as it is. */
    @WithDefault("PT1S")
    java.time.Duration gsiReadAfterWriteWait();
}
