package io.dynamis.item.changelog;

import io.dynamis.core.change.ChangeLogTopic;
import io.dynamis.core.roles.Plays;
import io.dynamis.core.roles.Role;
import io.dynamis.core.roles.RoleEvents.RoleStart;
import io.dynamis.core.roles.RoleEvents.RoleStop;
import io.dynamis.core.roles.Roles;
import io.dynamis.item.config.ItemServiceConfig;
import io.dynamis.item.storage.ItemStore;
import io.dynamis.item.storage.LogEntry;
import io.dynamis.item.storage.StoreWriter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Publishes the store's change log to the change-log topic, in sequence order, and records what the
 * broker has acknowledged. See the package documentation for the guarantees.
 *
 * <p>One thread publishes: after each durable commit it sends the new entries with a plain Kafka producer
 * (made when the relay starts; {@link ChangeLogProducerSettings}), at most a window of records and bytes
 * unacknowledged at a time. Each record goes straight into the producer's batch for its partition: no
 * messaging layer in between, no object per record beyond Kafka's own. Acknowledgements arrive on the
 * producer's thread and advance the contiguous {@link #relayedThrough()}; a refused send stops
 * publishing until every outstanding send has settled, then publishing starts again from the first
 * unacknowledged record. The relayed position goes to the store every {@value #SAVE_INTERVAL_MILLIS} ms
 * (through the writer, so it rides along with the next group commit), and acknowledged entries older
 * than the retention are trimmed.
 */
@ApplicationScoped
public class ChangeLogRelay {

    private static final Logger LOG = Logger.getLogger(ChangeLogRelay.class);
    private static final long SAVE_INTERVAL_MILLIS = 200;
    private static final long MAX_IN_FLIGHT_BYTES = 32L << 20;

    private final Roles roles;
    private final ItemStore store;
    private final StoreWriter writer;
    private final String bootstrapServers;
    private volatile Producer<String, byte[]> producer;
    private final TopicSetup topicSetup;
    private final ItemServiceConfig.ChangeLog config;
    private final int shard;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final TreeSet<Long> ackedAhead = new TreeSet<>();
    private final Counter published;
    private final Counter refused;
    private Thread thread;
    private volatile boolean running;

    // guarded by lock
    private long relayedThrough;
    private long nextToSend;
    private int inFlight;
    private long inFlightBytes;
    private int generation;
    private Throwable failure;

    private final LogRetention retention;
    private long savedThrough;
    private long lastSave;

    public ChangeLogRelay(ItemStore store, StoreWriter writer,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            TopicSetup topicSetup, ItemServiceConfig config, MeterRegistry registry, Roles roles) {
        this.roles = roles;
        this.store = store;
        this.writer = writer;
        this.bootstrapServers = bootstrapServers;
        this.topicSetup = topicSetup;
        this.config = config.changeLog();
        this.retention = new LogRetention(writer, this.config.retention());
        this.shard = config.shard();
        this.published = Counter.builder("dynamis.relay.published")
                .description("Change-log records the broker has acknowledged (re-sends included)").register(registry);
        this.refused = Counter.builder("dynamis.relay.failures")
                .description("Change-log sends the broker refused or lost; each restarts publishing").register(registry);
        Gauge.builder("dynamis.relay.lag.records", this, ChangeLogRelay::lagRecords)
                .description("Committed change-log records the broker has not acknowledged yet").register(registry);
        Gauge.builder("dynamis.relay.lag.seconds", this, ChangeLogRelay::lagSeconds).baseUnit("seconds")
                .description("Age of the oldest committed change-log record not acknowledged yet").register(registry);
    }

    void onStart(@Observes @Plays(Role.ITEM) RoleStart event) {
        relayedThrough = store.relayedSequence();
        savedThrough = relayedThrough;
        nextToSend = relayedThrough + 1;
        long backlog = writer.durableSequence() - relayedThrough;
        if (roles.changeLogInProcess()) {
            return; // every consumer reads the log in this process: InProcessChangeLog, no broker
        }
        if (!config.relayEnabled()) {
            LOG.warnf("Change-log relay is disabled: %d record(s) wait in the local log", backlog);
            return;
        }
        writer.addCommitListener(sequence -> signal());
        producer = new KafkaProducer<>(ChangeLogProducerSettings.of(bootstrapServers, config, shard));
        running = true;
        thread = new Thread(this::run, "change-log-relay");
        thread.setDaemon(true);
        thread.start();
        LOG.infof("Change-log relay publishing to topic %s from sequence %d (%d record(s) to catch up)",
                config.topic(), nextToSend, backlog);
    }

    /** The last sequence number up to which the broker has acknowledged every record. */
    public long relayedThrough() {
        lock.lock();
        try {
            return relayedThrough;
        } finally {
            lock.unlock();
        }
    }

    double lagRecords() {
        if (roles.changeLogInProcess()) {
            return 0;
        }
        return Math.max(0, writer.durableSequence() - relayedThrough());
    }

    double lagSeconds() {
        if (roles.changeLogInProcess()) {
            return 0;
        }
        long through = relayedThrough();
        if (writer.durableSequence() <= through) {
            return 0;
        }
        Map.Entry<Long, byte[]> oldest = store.firstChangeAfter(through);
        return oldest == null ? 0 : Math.max(0, System.currentTimeMillis() - LogEntry.commitTimeMillis(oldest.getValue())) / 1000.0;
    }

    private void run() {
        topicSetup.awaitTopic(() -> running);
        while (running) {
            try {
                publishAvailable();
                saveAndTrim();
                awaitWork();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.error("Change-log relay failed; retrying", e);
                sleep(config.retryBackoff().toMillis());
            }
        }
    }

    private void publishAvailable() throws InterruptedException {
        long durable = writer.durableSequence();
        lock.lock();
        try {
            if (failure != null) {
                recover();
                return;
            }
            if (nextToSend > durable || windowFull()) {
                return;
            }
        } finally {
            lock.unlock();
        }
        for (Map.Entry<Long, byte[]> entry : store.changesAfter(nextToSend - 1)) {
            long sequence = entry.getKey();
            if (sequence > durable) {
                break;
            }
            byte[] record = LogEntry.record(entry.getValue());
            int sendGeneration;
            lock.lock();
            try {
                if (failure != null || windowFull()) {
                    break;
                }
                inFlight++;
                inFlightBytes += record.length;
                nextToSend = sequence + 1;
                sendGeneration = generation;
            } finally {
                lock.unlock();
            }
            send(sequence, LogEntry.kafkaKey(entry.getValue()), record, sendGeneration);
        }
    }

    /**
     * Hands one record to the producer; its acknowledgement or refusal comes back on the producer's thread.
     * A send that throws (the producer closing, the relay interrupted) counts as refused.
     */
    private void send(long sequence, String key, byte[] record, int sendGeneration) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(ChangeLogTopic.SEQUENCE_HEADER, ChangeLogTopic.sequenceHeader(shard, sequence));
        try {
            producer.send(new ProducerRecord<>(config.topic(), null, key, record, headers), (metadata, error) -> {
                if (error == null) {
                    acknowledged(sequence, record.length, sendGeneration);
                } else {
                    refused(sequence, record.length, sendGeneration, error);
                }
            });
        } catch (RuntimeException e) {
            refused(sequence, record.length, sendGeneration, e);
            if (e instanceof org.apache.kafka.common.errors.InterruptException) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void acknowledged(long sequence, int bytes, int sendGeneration) {
        published.increment();
        lock.lock();
        try {
            settle(bytes);
            if (sendGeneration == generation && sequence > relayedThrough) {
                ackedAhead.add(sequence);
                while (!ackedAhead.isEmpty() && ackedAhead.first() == relayedThrough + 1) {
                    relayedThrough = ackedAhead.pollFirst();
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private void refused(long sequence, int bytes, int sendGeneration, Throwable reason) {
        refused.increment();
        lock.lock();
        try {
            settle(bytes);
            if (sendGeneration == generation && failure == null) {
                failure = reason;
                LOG.warnf("Change-log record %d was not published (%s); publishing again from %d",
                        sequence, reason, relayedThrough + 1);
            }
        } finally {
            lock.unlock();
        }
    }

    private void settle(int bytes) {
        inFlight--;
        inFlightBytes -= bytes;
        changed.signalAll();
    }

    /** With the lock held, after a refused send: once nothing is outstanding, start again from the gap. */
    private void recover() throws InterruptedException {
        while (inFlight > 0 && running) {
            changed.await(100, TimeUnit.MILLISECONDS);
        }
        generation++;
        ackedAhead.clear();
        nextToSend = relayedThrough + 1;
        failure = null;
        lock.unlock();
        try {
            sleep(config.retryBackoff().toMillis());
        } finally {
            lock.lock();
        }
    }

    private boolean windowFull() {
        return inFlight >= config.maxInFlight() || inFlightBytes >= MAX_IN_FLIGHT_BYTES;
    }

    private void awaitWork() throws InterruptedException {
        lock.lock();
        try {
            boolean nothingToSend = nextToSend > writer.durableSequence() || windowFull();
            if (nothingToSend && failure == null && running) {
                changed.await(SAVE_INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
            }
        } finally {
            lock.unlock();
        }
    }

    private void signal() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void saveAndTrim() {
        long now = System.currentTimeMillis();
        long through = relayedThrough();
        if (through > savedThrough && now - lastSave >= SAVE_INTERVAL_MILLIS) {
            lastSave = now;
            savedThrough = through;
            retention.markTaken(through);
        }
        retention.trimIfDue(now);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Before the writer stops: records how far the broker has acknowledged, so a restart re-sends less. */
    void onShutdown(@Observes @Priority(1) @Plays(Role.ITEM) RoleStop event) {
        running = false;
        if (thread == null) {
            return;
        }
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
            long through = relayedThrough();
            if (through > savedThrough) {
                writer.submit(writes -> {
                    writes.markRelayed(through);
                    return null;
                }).get(5, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            LOG.debug("Could not record the relayed position at shutdown", e);
        } finally {
            producer.close(Duration.ofSeconds(5));
        }
    }
}
