package io.dynamis.item.changelog;

import io.dynamis.item.config.ItemServiceConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Makes sure the change-log topic exists with the configured partitions before the relay publishes
 * (a broker creating it on first use would give it its default partition count). Records may be as
 * large as two 400 KB images, so the topic accepts messages of up to {@value #MAX_MESSAGE_BYTES} bytes.
 */
@ApplicationScoped
public class TopicSetup {

    static final int MAX_MESSAGE_BYTES = 16 << 20;
    private static final Logger LOG = Logger.getLogger(TopicSetup.class);

    private final String bootstrapServers;
    private final ItemServiceConfig.ChangeLog config;

    public TopicSetup(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            ItemServiceConfig config) {
        this.bootstrapServers = bootstrapServers;
        this.config = config.changeLog();
    }

    /** Returns once the topic exists (created here if needed), or when {@code keepTrying} turns false. */
    void awaitTopic(BooleanSupplier keepTrying) {
        boolean warned = false;
        while (keepTrying.getAsBoolean()) {
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000",
                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000"))) {
                NewTopic topic = new NewTopic(config.topic(), config.partitions(), config.replicationFactor())
                        .configs(Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(MAX_MESSAGE_BYTES)));
                admin.createTopics(List.of(topic)).all().get(15, TimeUnit.SECONDS);
                LOG.infof("Created change-log topic %s (%d partitions)", config.topic(), config.partitions());
                return;
            } catch (ExecutionException e) {
                if (e.getCause() instanceof TopicExistsException) {
                    return;
                }
                warned = warnOnce(warned, e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                warned = warnOnce(warned, e);
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private boolean warnOnce(boolean warned, Throwable cause) {
        if (!warned) {
            LOG.warnf("Kafka at %s is not reachable yet (%s); the relay waits, writes go on", bootstrapServers, cause);
        }
        return true;
    }
}
