/**
 * What every Dynamis service serves for operators, the Quarkus way: health ({@code /q/health},
 * {@code /q/health/live}, {@code /q/health/ready}) from SmallRye Health, Prometheus metrics
 * ({@code /q/metrics}) from Micrometer, each meter tagged with the service's name, and OpenTelemetry
 * tracing, off unless {@code dynamis.tracing} is on. The extensions' shared settings are in this module's
 * {@code META-INF/microprofile-config.properties}.
 */
package io.dynamis.core.observability;
