package io.dynamis.core.change;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ChangeLogConsumersTest {

    @Test
    void everyConsumerFetchesWithTheProcessSettings() {
        ChangeLogConsumers consumers = new ChangeLogConsumers("127.0.0.1:1", null, 4096, Duration.ofMillis(20), Duration.ZERO);

        assertEquals("4096", consumers.builder("gsi").kafkaProperties().get("fetch.min.bytes"));
        assertEquals("20", consumers.builder("archive").kafkaProperties().get("fetch.max.wait.ms"));
    }

    @Test
    void withoutSettingsTheyAreKafkasDefaults() {
        ChangeLogConsumers consumers = new ChangeLogConsumers("127.0.0.1:1", null);

        assertEquals("1", consumers.builder("gsi").kafkaProperties().get("fetch.min.bytes"));
        assertEquals("500", consumers.builder("gsi").kafkaProperties().get("fetch.max.wait.ms"));
    }

    @Test
    void noConsumerCreatesTheTopic() {
        ChangeLogConsumers consumers = new ChangeLogConsumers("127.0.0.1:1", null, 4096, Duration.ofMillis(20), Duration.ZERO);

        java.util.Properties settings = ChangeLogConsumer.kafkaSettings(consumers.builder("gsi"));

        assertEquals("false", settings.get("allow.auto.create.topics"));
        assertEquals("4096", settings.get("fetch.min.bytes"));
    }

    @Test
    void aFetchNeedsAByteAndAWait() {
        assertThrows(IllegalArgumentException.class,
                () -> new ChangeLogConsumers("127.0.0.1:1", null, 0, Duration.ofMillis(5), Duration.ZERO));
        assertThrows(IllegalArgumentException.class,
                () -> new ChangeLogConsumers("127.0.0.1:1", null, 1, Duration.ZERO, Duration.ZERO));
        assertThrows(IllegalArgumentException.class,
                () -> new ChangeLogConsumers("127.0.0.1:1", null, 1, Duration.ofMillis(5), Duration.ofMillis(-1)));
    }
}
