package io.dynamis.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;

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

    /** Base URL of backup-service (backups, restores, Streams). */
    @WithDefault("http://127.0.0.1:8204")
    String backupServiceUrl();

    /** Keep-alive connections kept open to each service. */
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
}
