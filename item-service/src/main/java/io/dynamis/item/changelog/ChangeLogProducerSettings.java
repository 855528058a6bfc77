package io.dynamis.item.changelog;

import io.smallrye.reactive.messaging.ClientCustomizer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.eclipse.microprofile.config.Config;

/**
 * The change-log producer's retries. The channel sets {@code retries=0} so that the messaging layer
 * never re-sends a failed record by itself (it would do so record by record, out of order); the Kafka
 * producer underneath gets unlimited retries back here, which it performs in order, and the relay
 * deals with the rare send that still fails.
 */
@ApplicationScoped
public class ChangeLogProducerSettings implements ClientCustomizer<Map<String, Object>> {

    @Override
    public Map<String, Object> customize(String channel, Config channelConfig, Map<String, Object> config) {
        if (ChangeLogRelay.CHANNEL.equals(channel)) {
            config.put(ProducerConfig.RETRIES_CONFIG, String.valueOf(Integer.MAX_VALUE));
        }
        return config;
    }
}
