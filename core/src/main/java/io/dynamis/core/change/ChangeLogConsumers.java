package io.dynamis.core.change;

import io.dynamis.core.roles.Roles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where this process's change-log consumers read: item-service's own log, in process, when this process
 * plays every role that writes or reads the change log ({@link Roles#changeLogInProcess()}, the
 * one-process topology); the Kafka topic otherwise. Every consumer gets its builder here, with this process's
 * fetch settings ({@code dynamis.change-log.fetch-min-bytes}, {@code dynamis.change-log.fetch-max-wait}):
 * the broker answers a consumer's fetch once that many bytes are there or that long has passed. Kafka's
 * defaults (1 byte, 500 ms) answer every produce request at once: one fetch per consumer per produce under
 * load. More bytes gather several produce requests per fetch, for up to the wait more lag (the cache's
 * invalidation lag, the index lag a GSI read after a write waits for) and an idle consumer fetching once
 * per wait instead of once per 500 ms.
 */
@ApplicationScoped
public class ChangeLogConsumers {

    /** Kafka's own defaults: the broker answers a fetch as soon as one byte is there. */
    public static final int DEFAULT_FETCH_MIN_BYTES = 1;
    public static final Duration DEFAULT_FETCH_MAX_WAIT = Duration.ofMillis(500);

    private final String bootstrapServers;
    private final LocalChangeLog local;
    private final int fetchMinBytes;
    private final Duration fetchMaxWait;

    @Inject
    public ChangeLogConsumers(Roles roles, Instance<LocalChangeLog> localLogs,
            @ConfigProperty(name = "kafka.bootstrap.servers", defaultValue = "127.0.0.1:9092") String bootstrapServers,
            @ConfigProperty(name = "dynamis.change-log.fetch-min-bytes", defaultValue = "1") int fetchMinBytes,
            @ConfigProperty(name = "dynamis.change-log.fetch-max-wait", defaultValue = "500ms") Duration fetchMaxWait) {
        this(bootstrapServers, roles.changeLogInProcess() && localLogs.isResolvable() ? localLogs.get() : null,
                fetchMinBytes, fetchMaxWait);
    }

    /** Consumers of the broker(s) given, or of {@code local} when it is not null, with Kafka's fetch defaults. */
    public ChangeLogConsumers(String bootstrapServers, LocalChangeLog local) {
        this(bootstrapServers, local, DEFAULT_FETCH_MIN_BYTES, DEFAULT_FETCH_MAX_WAIT);
    }

    /** Consumers whose fetches the broker answers at {@code fetchMinBytes} or after {@code fetchMaxWait}. */
    public ChangeLogConsumers(String bootstrapServers, LocalChangeLog local, int fetchMinBytes, Duration fetchMaxWait) {
        if (fetchMinBytes < 1 || fetchMaxWait.isNegative() || fetchMaxWait.isZero()) {
            throw new IllegalArgumentException("a change-log fetch needs at least 1 byte and a positive wait, not "
                    + fetchMinBytes + " and " + fetchMaxWait);
        }
        this.bootstrapServers = bootstrapServers;
        this.local = local;
        this.fetchMinBytes = fetchMinBytes;
        this.fetchMaxWait = fetchMaxWait;
    }

    /** True when the consumers read item-service's log in this process, with no broker. */
    public boolean inProcess() {
        return local != null;
    }

    /** A consumer named {@code name} (its metrics tag and Kafka client id) of this process's change log. */
    public ChangeLogConsumer.Builder builder(String name) {
        return ChangeLogConsumer.builder(bootstrapServers, name).local(local)
                .kafkaProperty(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, String.valueOf(fetchMinBytes))
                .kafkaProperty(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, String.valueOf(fetchMaxWait.toMillis()));
    }
}
