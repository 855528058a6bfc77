package io.dynamis.core.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One setting turns tracing on: off by default (no SDK, no exporter, no HTTP instrumentation). */
class TracingSwitchTest {

    private static SmallRyeConfig config(Map<String, String> settings) {
        return new SmallRyeConfigBuilder().withSources(new TracingSwitch())
                .withSources(new PropertiesConfigSource(settings, "test", 300)).build();
    }

    @Test
    void tracingIsOffByDefault() {
        SmallRyeConfig config = config(Map.of());
        assertEquals(true, config.getValue("quarkus.otel.sdk.disabled", Boolean.class));
        assertEquals(false, config.getValue("quarkus.otel.instrument.vertx-http", Boolean.class));
    }

    @Test
    void dynamisTracingTurnsTheSdkAndTheHttpInstrumentationOn() {
        SmallRyeConfig config = config(Map.of("dynamis.tracing", "true"));
        assertEquals(false, config.getValue("quarkus.otel.sdk.disabled", Boolean.class));
        assertEquals(true, config.getValue("quarkus.otel.instrument.vertx-http", Boolean.class));
    }

    @Test
    void anExplicitQuarkusSettingStillWins() {
        SmallRyeConfig config = config(Map.of("dynamis.tracing", "true", "quarkus.otel.sdk.disabled", "true"));
        assertEquals(true, config.getValue("quarkus.otel.sdk.disabled", Boolean.class));
    }
}
