package io.dynamis.core.capacity;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Capacity settings of the services that hold tables' data (item-service, query-service). */
@ConfigMapping(prefix = "dynamis.capacity")
public interface CapacityConfig {

    /**
     * Enforce provisioned throughput and on-demand limits as DynamoDB does (throttling with
     * ProvisionedThroughputExceededException / ThrottlingException); off, as DynamoDB Local, which never
     * throttles. Environment: DYNAMIS_CAPACITY_ENFORCE.
     */
    @WithDefault("false")
    boolean enforce();
}
