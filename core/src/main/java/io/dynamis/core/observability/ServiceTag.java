package io.dynamis.core.observability;

import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Tags every meter with {@code service="<quarkus.application.name>"} ({@code dynamis} in one process,
 * {@code item-service}, ... in the services topology), as scrapes of every process are told apart.
 */
@Singleton
public class ServiceTag {

    @Produces
    @Singleton
    MeterFilter serviceTag(@ConfigProperty(name = "quarkus.application.name") String serviceName) {
        return MeterFilter.commonTags(Tags.of("service", serviceName));
    }
}
