package io.dynamis.item.changelog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dynamis.item.config.ItemServiceConfig;
import io.smallrye.config.WithDefault;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

/** The relay's producer settings as the change log's defaults make them. */
class ChangeLogProducerSettingsTest {

    @Test
    void theRelayLingersThirtyMillisecondsByDefaultAndKeepsItsOrderGuarantees() {
        Map<String, Object> settings = ChangeLogProducerSettings.of("127.0.0.1:9092", defaults(), 0);

        assertEquals("30", settings.get(ProducerConfig.LINGER_MS_CONFIG));
        assertEquals("all", settings.get(ProducerConfig.ACKS_CONFIG));
        assertEquals("true", settings.get(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG));
        assertEquals(String.valueOf(Integer.MAX_VALUE), settings.get(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG));
        assertEquals(String.valueOf(Long.MAX_VALUE), settings.get(ProducerConfig.MAX_BLOCK_MS_CONFIG));
    }

    /**
     * Kafka's 16 KB batch filled with ~34 records, so at a few thousand writes a second a batch went long before the
     * linger was over: a produce request, and a fetch for every consumer, per ~34 records instead of per linger.
     */
    @Test
    void aBatchHoldsAQuarterMegabyteSoThatTheLingerAndNotTheBatchSizeDecidesWhenItGoes() {
        Map<String, Object> settings = ChangeLogProducerSettings.of("127.0.0.1:9092", defaults(), 0);

        assertEquals(String.valueOf(256 << 10), settings.get(ProducerConfig.BATCH_SIZE_CONFIG));
    }

    @Test
    void theRelayCreatesTheTopicWithOnePartitionByDefault() {
        assertEquals(1, defaults().partitions());
    }

    /** The change-log settings at their declared defaults ({@code @WithDefault}). */
    private static ItemServiceConfig.ChangeLog defaults() {
        return (ItemServiceConfig.ChangeLog) Proxy.newProxyInstance(ItemServiceConfig.ChangeLog.class.getClassLoader(),
                new Class<?>[] {ItemServiceConfig.ChangeLog.class}, (proxy, method, args) -> defaultOf(method));
    }

    private static Object defaultOf(Method method) {
        WithDefault declared = method.getAnnotation(WithDefault.class);
        if (declared == null) {
            return null;
        }
        Class<?> type = method.getReturnType();
        if (type == int.class) {
            return Integer.parseInt(declared.value());
        } else if (type == long.class) {
            return Long.parseLong(declared.value());
        } else if (type == short.class) {
            return Short.parseShort(declared.value());
        } else if (type == boolean.class) {
            return Boolean.parseBoolean(declared.value());
        }
        return declared.value();
    }
}
