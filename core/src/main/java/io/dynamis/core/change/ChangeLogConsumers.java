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
 *
 * <p>In process, a consumer reads a batch at most once per {@code dynamis.change-log.batch-interval} while
 * changes keep coming (default {@value #DEFAULT_BATCH_INTERVAL_MILLIS} ms; 0: a batch after every durable commit):
 * the same trade as the fetch settings, fewer and larger batches for up to that much more lag.
 */
@ApplicationScoped
public class ChangeLogConsumers {

    /** Kafka's own defaults: the broker answers a fetch as soon as one byte is there. */
    public static final int DEFAULT_FETCH_MIN_BYTES = 1;
    public static final Duration DEFAULT_FETCH_MAX_WAIT = Duration.ofMillis(500);
    /** In process: at most one batch per consumer every 5 ms under load (docs/benchmarks.md, 2026-12-06 (18:00)). */
    public static final long DEFAULT_BATCH_INTERVAL_MILLIS = 5;

    private final String bootstrapServers;
    private final LocalChangeLog local;
    private final int fetchMinBytes;
    private final Duration fetchMaxWait;
    private final Duration batchInterval;

    @Inject
    public ChangeLogConsumers(Roles roles, Instance<LocalChangeLog> localLogs,
            @ConfigProperty(name = "kafka.bootstrap.servers", defaultValue = "127.0.0.1:9092") String bootstrapServers,
            @ConfigProperty(name = "dynamis.change-log.fetch-min-bytes", defaultValue = "1") int fetchMinBytes,
            @ConfigProperty(name = "dynamis.change-log.fetch-max-wait", defaultValue = "500ms") Duration fetchMaxWait,
            @ConfigProperty(name = "dynamis.change-log.batch-interval", defaultValue = DEFAULT_BATCH_INTERVAL_MILLIS + "ms")
            Duration batchInterval) {
        this(bootstrapServers, roles.changeLogInProcess() && localLogs.isResolvable() ? localLogs.get() : null,
                fetchMinBytes, fetchMaxWait, batchInterval);
    }

    /**
     * Consumers of the broker(s) given, or of {@code local} when it is not null, with Kafka's fetch defaults and a
     * batch after every commit in process.
     */
    public ChangeLogConsumers(String bootstrapServers, LocalChangeLog local) {
        this(bootstrapServers, local, DEFAULT_FETCH_MIN_BYTES, DEFAULT_FETCH_MAX_WAIT, Duration.ZERO);
    }

    /**
     * Consumers whose fetches the broker answers at {@code fetchMinBytes} or after {@code fetchMaxWait}, or which
     * read {@code local} at most once per {@code batchInterval} under load.
     */
    public ChangeLogConsumers(String bootstrapServers, LocalChangeLog local, int fetchMinBytes, Duration fetchMaxWait,
            Duration batchInterval) {
        if (fetchMinBytes < 1 || fetchMaxWait.isNegative() || fetchMaxWait.isZero() || batchInterval.isNegative()) {
            throw new IllegalArgumentException("a change-log fetch needs at least 1 byte and a positive wait, and a batch"
                    + " interval of 0 or more, not " + fetchMinBytes + ", " + fetchMaxWait + " and " + batchInterval);
        }
        this.bootstrapServers = bootstrapServers;
        this.local = local;
        this.fetchMinBytes = fetchMinBytes;
        this.fetchMaxWait = fetchMaxWait;
        this.batchInterval = batchInterval;
    }

    /** True when the consumers read item-service's log in this process, with no broker. */
    public boolean inProcess() {
        return local != null;
    }

    /** A consumer named {@code name} (its metrics tag and Kafka client id) of this process's change log. */
    public ChangeLogConsumer.Builder builder(String name) {
        return ChangeLogConsumer.builder(bootstrapServers, name).local(local).batchInterval(batchInterval)
                .kafkaProperty(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, String.valueOf(fetchMinBytes))
                .kafkaProperty(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, String.valueOf(fetchMaxWait.toMillis()));
    }
}
