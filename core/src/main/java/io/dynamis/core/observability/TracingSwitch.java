package io.dynamis.core.observability;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * The one setting that turns tracing on: {@code dynamis.tracing} ({@code DYNAMIS_TRACING}), false by
 * default. Off, the OpenTelemetry SDK is disabled ({@code quarkus.otel.sdk.disabled=true}: no spans, no
 * exporter, nothing sent anywhere) and the Vert.x HTTP server and client are not instrumented, so the
 * DynamoDB hot path does no tracing work at all; on, both are on and spans go by OTLP to
 * {@code quarkus.otel.exporter.otlp.endpoint}. Either Quarkus setting given explicitly still wins: this source's
 * ordinal (150) is below every application.properties, the environment and system properties.
 */
public class TracingSwitch implements ConfigSourceFactory {

    public static final String SETTING = "dynamis.tracing";
    static final int ORDINAL = 150;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        ConfigValue value = context.getValue(SETTING);
        boolean on = value != null && value.getValue() != null && Boolean.parseBoolean(value.getValue().trim());
        return List.of(new PropertiesConfigSource(Map.of(
                "quarkus.otel.sdk.disabled", Boolean.toString(!on),
                "quarkus.otel.instrument.vertx-http", Boolean.toString(on)), "dynamis-tracing-switch", ORDINAL));
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(ORDINAL);
    }
}
