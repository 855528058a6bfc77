package io.dynamis.item.changelog;

import io.smallrye.reactive.messaging.ClientCustomizer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.eclipse.microprofile.config.Config;

/**
 * What keeps the change-log producer in order through a broker outage. The channel sets
 * {@code retries=0} so that the messaging layer never re-sends a failed record by itself (it would do
 * so record by record, out of order); the Kafka producer underneath gets unlimited retries back here,
 * which it performs in order. And a send never gives up waiting for the topic's metadata while the
 * broker is away ({@code max.block.ms}): a send failing that way while a later one gets through would
 * put a partition out of order. The relay deals with the rare send that still fails.
 */
@ApplicationScoped
public class ChangeLogProducerSettings implements ClientCustomizer<Map<String, Object>> {

    @Override
    public Map<String, Object> customize(String channel, Config channelConfig, Map<String, Object> config) {
        if (ChangeLogRelay.CHANNEL.equals(channel)) {
            config.put(ProducerConfig.RETRIES_CONFIG, String.valueOf(Integer.MAX_VALUE));
            config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, String.valueOf(Long.MAX_VALUE));
        }
        return config;
    }
}
