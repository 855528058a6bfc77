package io.dynamis.core.change;

import io.dynamis.core.roles.Roles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where this process's change-log consumers read: item-service's own log, in process, when this process
 * plays every role that writes or reads the change log ({@link Roles#changeLogInProcess()}, the
 * one-process topology); the Kafka topic otherwise. Every consumer gets its builder here.
 */
@ApplicationScoped
public class ChangeLogConsumers {

    private final String bootstrapServers;
    private final LocalChangeLog local;
    private final long gatherMillis;
    private final int gatherBelow;

    @Inject
    public ChangeLogConsumers(Roles roles, Instance<LocalChangeLog> localLogs, ChangeLogConsumerConfig config,
            @ConfigProperty(name = "kafka.bootstrap.servers", defaultValue = "127.0.0.1:9092") String bootstrapServers) {
        this(bootstrapServers, roles.changeLogInProcess() && localLogs.isResolvable() ? localLogs.get() : null,
                config.gatherMillis(), config.gatherBelowRecords());
    }

    /** Consumers of the broker(s) given, or of {@code local} when it is not null; topic consumers do not gather. */
    public ChangeLogConsumers(String bootstrapServers, LocalChangeLog local) {
        this(bootstrapServers, local, 0, 0);
    }

    /** Consumers of the broker(s) given, or of {@code local}; topic consumers gather as {@link ChangeLogConsumer.Builder#gather}. */
    public ChangeLogConsumers(String bootstrapServers, LocalChangeLog local, long gatherMillis, int gatherBelow) {
        this.bootstrapServers = bootstrapServers;
        this.local = local;
        this.gatherMillis = gatherMillis;
        this.gatherBelow = gatherBelow;
    }

    /** True when the consumers read item-service's log in this process, with no broker. */
    public boolean inProcess() {
        return local != null;
    }

    /** A consumer named {@code name} (its metrics tag and Kafka client id) of this process's change log. */
    public ChangeLogConsumer.Builder builder(String name) {
        return ChangeLogConsumer.builder(bootstrapServers, name).local(local).gather(gatherMillis, gatherBelow);
    }
}
