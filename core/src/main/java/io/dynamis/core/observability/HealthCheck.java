package io.dynamis.core.observability;

/**
 * One readiness check of a service, reported under {@code /q/health} and {@code /q/health/ready}.
 * Implementations are CDI beans; a service with none is ready as soon as it answers HTTP.
 */
public interface HealthCheck {

    /** The check's name in the health report, e.g. {@code item-store}. */
    String name();

    /** True when the service can do this part of its work. Must answer quickly and never throw. */
    boolean isUp();
}
