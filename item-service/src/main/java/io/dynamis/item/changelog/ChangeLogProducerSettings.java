package io.dynamis.item.changelog;

import io.dynamis.item.config.ItemServiceConfig;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The change-log producer's settings, and what keeps it in order through a broker outage: Kafka's
 * idempotent producer ({@code acks=all}, at most 5 requests in flight a connection) retries a failed
 * request in order for as long as it takes ({@code retries} and {@code delivery.timeout.ms} unlimited),
 * and a send never gives up waiting for the topic's metadata while the broker is away
 * ({@code max.block.ms} unlimited): a send failing that way while a later one gets through would put a
 * partition out of order. The relay deals with the rare send that still fails.
 *
 * <p>Records are batched by Kafka: what the relay sends within {@code linger-millis} of the first record
 * of a batch (and every record it sends while a request is on its way) goes in one produce request, unless the
 * batch reaches {@code batch-bytes} first.
 */
final class ChangeLogProducerSettings {

    private ChangeLogProducerSettings() {
    }

    /** The producer's configuration for the brokers given. */
    static Map<String, Object> of(String bootstrapServers, ItemServiceConfig.ChangeLog config, int shard) {
        Map<String, Object> settings = new HashMap<>();
        settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        settings.put(ProducerConfig.CLIENT_ID_CONFIG, "dynamis-change-log-relay-" + shard);
        settings.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        settings.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        settings.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
        settings.put(ProducerConfig.RETRIES_CONFIG, String.valueOf(Integer.MAX_VALUE));
        settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, String.valueOf(Integer.MAX_VALUE));
        settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, String.valueOf(Long.MAX_VALUE));
        settings.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "30000");
        settings.put(ProducerConfig.LINGER_MS_CONFIG, String.valueOf(config.lingerMillis()));
        settings.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(config.batchBytes()));
        settings.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, String.valueOf(TopicSetup.MAX_MESSAGE_BYTES));
        settings.put(ProducerConfig.BUFFER_MEMORY_CONFIG, String.valueOf(64L << 20));
        return settings;
    }
}
