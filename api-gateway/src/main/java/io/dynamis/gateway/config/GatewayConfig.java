package io.dynamis.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Optional;

/** api-gateway settings; each can be overridden by its environment variable (e.g. DYNAMIS_GATEWAY_ITEM_SERVICE_URL). */
@ConfigMapping(prefix = "dynamis.gateway")
public interface GatewayConfig {

    /** Base URL of item-service (tables and items). */
    @WithDefault("http://127.0.0.1:8201")
    String itemServiceUrl();

    /** Base URL of query-service (Query and Scan). */
    @WithDefault("http://127.0.0.1:8202")
    String queryServiceUrl();

    /**
     * Base URLs of the cache-service members the accelerator endpoint forwards to, comma-separated: the
     * first that accepts a connection serves; when it cannot be reached, the next one takes over.
     */
    @WithDefault("http://127.0.0.1:8203")
    List<String> cacheServiceUrl();

    /** Port of the accelerator endpoint (DAX's port): the DynamoDB API with reads and writes through cache-service. */
    @WithDefault("8111")
    int acceleratorPort();

    /** How the accelerator endpoint answers item-cache hits itself. */
    Accelerator accelerator();

    /** Base URL of backup-service (backups, restores, Streams). */
    @WithDefault("http://127.0.0.1:8204")
    String backupServiceUrl();

    /**
     * A Query or Scan of a table (no IndexName) goes from the gateway straight to item-service, which query-service
     * would only pass it on to; false sends every Query and Scan through query-service. Only when query-service is
     * another process.
     */
    @WithDefault("true")
    boolean directTableReads();

    /** Keep-alive connections kept open to each service, from each event loop. */
    @WithDefault("64")
    int connectionsPerService();

    /** How long a forwarded request may take, in milliseconds, before the client gets an error. */
    @WithDefault("60000")
    long forwardTimeoutMillis();

    /** Largest request body accepted, in bytes (DynamoDB's limit is 16 MB). */
    @WithDefault("16777216")
    long maxRequestBytes();

    /** The region named in DynamoDB's health-check answer and DescribeEndpoints. */
    @WithDefault("us-east-1")
    String region();

    /**
     * The accelerator endpoint answers GetItem hits itself, from a near cache of cache-service's item
     * maps held by a Hazelcast client in the gateway (kept coherent by the cluster's invalidations); a
     * miss, and every other request, goes to cache-service.
     */
    interface Accelerator {
        /** Whether GetItem hits are answered in the gateway; off, every accelerator request goes to cache-service. */
        @WithDefault("true")
        boolean localHits();

        /** The name of cache-service's Hazelcast cluster (its {@code dynamis.cache.cluster.name}). */
        @WithDefault("dynamis-cache")
        String clusterName();

        /** How the client finds the members: TCP_IP (the addresses below) or KUBERNETES (the pods of a service). */
        @WithDefault("TCP_IP")
        Join join();

        /** Members to connect to first, host:port (the client learns the others from the cluster). */
        @WithDefault("127.0.0.1:5701,127.0.0.1:5702,127.0.0.1:5703")
        List<String> clusterMembers();

        /** Kubernetes discovery: the service whose pods are cache-service's members. */
        Optional<String> kubernetesServiceName();

        /** Kubernetes discovery: the namespace of that service (default: the pod's own). */
        Optional<String> kubernetesNamespace();

        /**
         * Entries of one table the gateway's near cache holds at most (least recently used go first): the
         * gateway's heap holds up to this many of each read table's items.
         */
        @WithDefault("20000")
        int nearCacheEntries();
    }

    /** How the gateway's Hazelcast client finds cache-service's members. */
    enum Join {
        TCP_IP, KUBERNETES
    }
}
