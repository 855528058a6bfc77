package io.dynamis.cache.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** cache-service settings; each can be overridden by its environment variable (e.g. DYNAMIS_CACHE_ITEM_TTL). */
@ConfigMapping(prefix = "dynamis.cache")
public interface CacheConfig {

    /** Base URL of item-service, which executes the writes and the reads the cache misses. */
    @WithDefault("http://127.0.0.1:8201")
    String itemServiceUrl();

    /** Base URL of query-service, which executes the Query and Scan pages the cache misses. */
    @WithDefault("http://127.0.0.1:8202")
    String queryServiceUrl();

    /** Keep-alive connections kept open to each of item-service and query-service, from each event loop. */
    @WithDefault("64")
    int connectionsPerService();

    /** How long a request forwarded to item-service or query-service may take, in milliseconds. */
    @WithDefault("60000")
    long forwardTimeoutMillis();

    /** How long an item (or "no such item") stays cached, unless the table has its own setting. */
    @WithDefault("5M")
    Duration itemTtl();

    /** How long a Query or Scan page stays cached, unless the table has its own setting. */
    @WithDefault("5M")
    Duration queryTtl();

    /** Memory bound of one table's item cache on each member, in MB (least recently used entries go first). */
    @WithDefault("64")
    int itemMaxMb();

    /** Memory bound of one table's query cache on each member, in MB (least recently used entries go first). */
    @WithDefault("32")
    int queryMaxMb();

    /** How cached Query and Scan pages follow writes: CHANGE_LOG (coherent, the default) or TTL (expire only). */
    @WithDefault("CHANGE_LOG")
    QueryCoherence queryCoherence();

    /** Settings of single tables, by table name; each falls back to the global setting above. */
    Map<String, TableSettings> tables();

    /** Whether the change log is consumed to invalidate entries (off only in unit tests). */
    @WithDefault("true")
    boolean invalidationEnabled();

    /** The Hazelcast cluster the members of cache-service form. */
    Cluster cluster();

    /** How cached query pages follow writes. */
    enum QueryCoherence {
        /** Every change of a table (from the change log) invalidates its cached pages. */
        CHANGE_LOG,
        /** Pages live out their time to live, as in DAX. */
        TTL
    }

    /** Per-table cache settings. */
    interface TableSettings {
        /** Time to live of the table's cached items. */
        Optional<Duration> itemTtl();

        /** Time to live of the table's cached Query and Scan pages. */
        Optional<Duration> queryTtl();

        /** Memory bound of the table's item cache on each member, in MB. */
        Optional<Integer> itemMaxMb();

        /** Memory bound of the table's query cache on each member, in MB. */
        Optional<Integer> queryMaxMb();

        /** How the table's cached pages follow writes. */
        Optional<QueryCoherence> queryCoherence();
    }

    /** Membership of the Hazelcast cluster. */
    interface Cluster {
        /** The cluster's name: members with another name never join. */
        @WithDefault("dynamis-cache")
        String name();

        /** Host the member binds to and announces. */
        @WithDefault("127.0.0.1")
        String host();

        /** Port of this member; with port-auto-increment, the next free one of port-count ports from here. */
        @WithDefault("5701")
        int port();

        /** How many ports from {@code port} a member may take (and TCP-IP join probes). */
        @WithDefault("3")
        int portCount();

        /**
         * How members find each other: TCP_IP (a member list, local), KUBERNETES (the pods of a service), or
         * NONE (a member alone, joining nobody: the one process, which starts without waiting for a join).
         */
        @WithDefault("TCP_IP")
        Join join();

        /** The TCP-IP member list: hosts, or host:port. */
        @WithDefault("127.0.0.1")
        List<String> members();

        /** Kubernetes join: the headless service whose pods are the members. */
        Optional<String> kubernetesServiceName();

        /** Kubernetes join: the namespace of that service (default: the pod's own). */
        Optional<String> kubernetesNamespace();

        /** Backups of each entry on other members (a member leaving loses nothing cached when at least 1). */
        @WithDefault("1")
        int backupCount();

        /**
         * Hazelcast partitions of the cluster (every member must use the same number). Each put into a
         * memory-bounded map sums the map's size over this member's partitions, so fewer partitions make
         * writes cheaper: the one process, a single member, uses 31; a cluster of several members keeps
         * Hazelcast's 271, which spreads entries evenly.
         */
        @WithDefault("271")
        int partitionCount();
    }

    /** How the members of the cluster find each other. */
    enum Join {
        TCP_IP, KUBERNETES, NONE
    }
}
