package io.dynamis.core.change;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jboss.logging.Logger;

/**
 * How a service reads the change log: every consuming service uses this, none talks to the topic itself.
 *
 * <p>The consumer reads every partition of the topic on a thread of its own, decodes each record, drops
 * the ones already applied (the relay is at-least-once: after a crash or an outage it publishes some
 * records again, and within a partition a shard's sequence numbers only grow, so anything at or below
 * the highest one applied is a duplicate), hands each poll's new records to the {@link Handler} in
 * order, and then saves its position through {@link ConsumerPositions}. If the handler fails, the same
 * records come again after a pause; if the process dies between applying and saving, they come again
 * after the restart, so a handler either stores the position in its own commit or is idempotent.
 *
 * <p>It keeps no consumer-group offsets in Kafka: the position lives with the consumer's state. While
 * the topic does not exist yet, or the broker is away, it waits and tries again.
 *
 * <p>In the one-process topology it reads item-service's own log instead ({@link LocalChangeLog}, given
 * to the builder): the same handler, the same batches in log order, the position saved under
 * {@link #LOCAL_PARTITION} (next sequence number); a durable consumer tells the log what it applied, so
 * the log keeps every entry some consumer still needs. There it reads at most one batch per
 * {@link Builder#batchInterval} while changes keep coming, as a fetch setting does on the topic.
 */
public final class ChangeLogConsumer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ChangeLogConsumer.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final long RETRY_MILLIS = 1000;
    private static final long LAG_REFRESH_MILLIS = 1000;
    /**
     * A topic consumer measures its lag (a ListOffsets request to the broker) only while someone has asked for it
     * ({@link #lag()}: a metrics scrape, the cache's admin numbers) within this long: otherwise each of a stack's
     * three consumers asked the broker every second for a number nobody read (docs/benchmarks.md, 2026-12-07 (08:47)).
     */
    static final long LAG_INTEREST_MILLIS = 120_000;
    /** The key of the position of a consumer of the in-process log ({@link LocalChangeLog}); Kafka partitions are 0 and up. */
    public static final int LOCAL_PARTITION = -1;
    /**
     * Longest time between two saves of a consumer's position while records keep coming, unless its builder
     * says otherwise ({@link Builder#saveEvery}). Each save is a checkpoint of the consumer's store file, which
     * writes again every page changed since the last one (under a steady write load, most of an index's or the
     * archive's upper tree): once a second, not five times.
     */
    public static final Duration DEFAULT_SAVE_INTERVAL = Duration.ofSeconds(1);

    /** Applies the new records of one poll, in the order each partition holds them. */
    @FunctionalInterface
    public interface Handler {
        void apply(List<ChangeRecord> records) throws Exception;
    }

    /**
     * A {@link Handler} that also gets each record's bytes as the log holds them ({@code encoded.get(i)} is
     * {@code records.get(i)}'s), for a consumer that stores records as they are (the archive) rather than
     * encoding them again.
     */
    @FunctionalInterface
    public interface EncodedHandler {
        void apply(List<ChangeRecord> records, List<byte[]> encoded) throws Exception;
    }

    /**
     * Told what the consumer has read, once the handler has applied it and before the position is saved
     * (so a handler that saves its state with the position can save this too): per shard, every record up
     * to {@code throughSequence} (0: no such claim; in process, the log is read in order) and the records
     * {@code sequences} (from the topic, in any order), applied or passed over. Runs on the consumer's thread.
     */
    @FunctionalInterface
    public interface Progress {
        void applied(int shard, long throughSequence, long[] sequences);
    }

    /**
     * How far behind the end of the topic a consumer is, as measured at {@code measuredAtMillis} (epoch
     * milliseconds; 0 before the first measurement): a lag of 0 measured at T means that every record
     * published before T has been handed over.
     */
    public record Lag(long records, double seconds, long measuredAtMillis) {
    }

    private final String name;
    private final String topic;
    private final Properties kafka;
    private final ConsumerPositions store;
    private final EncodedHandler handler;
    private final Progress progress;
    private final Predicate<String> tables;
    private final LocalChangeLog local;
    private final boolean fromLatest;
    private final int maxPollRecords;
    private final long saveMillis;
    private final long batchIntervalNanos;
    private final Thread thread;
    private final Map<Integer, PartitionPosition> positions = new HashMap<>();
    /** Topic consumers: the positions last saved, and where each partition read since then started. */
    private final Map<Integer, PartitionPosition> savedPositions = new HashMap<>();
    private final Map<Integer, Long> readSinceSave = new HashMap<>();
    private long lastSaveMillis;
    private volatile boolean running = true;
    /** Set by {@link #hurry}: the next read does not wait out the batch interval. */
    private volatile boolean hurry;
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private volatile Lag lag = new Lag(0, 0, 0);
    private volatile long appliedCount;
    private long lastAppliedCommitMillis;
    private long lastLagRefresh;
    /** When {@link #lag()} was last called (epoch milliseconds); 0: never. */
    private volatile long lagAskedMillis;
    private final long startedMillis = System.currentTimeMillis();

    private ChangeLogConsumer(Builder builder) {
        this.name = builder.name;
        this.topic = builder.topic;
        this.store = builder.positions;
        this.handler = builder.handler;
        this.progress = builder.progress;
        this.tables = builder.tables;
        this.local = builder.local;
        this.fromLatest = builder.fromLatest;
        this.maxPollRecords = builder.maxPollRecords;
        this.saveMillis = builder.saveInterval.toMillis();
        this.batchIntervalNanos = builder.batchInterval.toNanos();
        this.kafka = kafkaSettings(builder);
        if (builder.registry != null) {
            Gauge.builder("dynamis.changelog.consumer.lag.records", () -> lag().records())
                    .description("Change-log records published but not yet applied by this consumer")
                    .tag("consumer", name).register(builder.registry);
            Gauge.builder("dynamis.changelog.consumer.lag.seconds", () -> lag().seconds())
                    .description("Age of the oldest change-log record this consumer has not applied yet")
                    .baseUnit("seconds").tag("consumer", name).register(builder.registry);
        }
        this.thread = new Thread(local != null ? this::runLocal : this::run, "changelog-consumer-" + name);
        this.thread.setUncaughtExceptionHandler((t, e) ->
                LOG.errorf(e, "Change-log consumer %s stopped: %s; it applies nothing more until a restart", name, e));
        this.thread.setDaemon(true);
    }

    /**
     * The Kafka consumer's settings: no group offsets, the builder's start and batch size, the builder's overrides
     * (the process's fetch settings) on top. A consumer never creates the topic: only the relay does, with its
     * configured partitions; a consumer's metadata request for a topic not there yet would otherwise have the
     * broker create it first with the broker's own default count.
     */
    static Properties kafkaSettings(Builder builder) {
        Properties kafka = new Properties();
        kafka.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, builder.bootstrapServers);
        kafka.put(ConsumerConfig.CLIENT_ID_CONFIG, "dynamis-" + builder.name);
        kafka.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        kafka.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, builder.fromLatest ? "latest" : "earliest");
        kafka.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        kafka.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, String.valueOf(builder.maxPollRecords));
        kafka.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        kafka.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        kafka.putAll(builder.overrides);
        return kafka;
    }

    /** A consumer named {@code name} (its metrics tag and Kafka client id) of the broker(s) given. */
    public static Builder builder(String bootstrapServers, String name) {
        return new Builder(bootstrapServers, name);
    }

    /**
     * The lag as last measured: about once a second while this is called (on the topic, measuring starts with the
     * first call after {@link #LAG_INTEREST_MILLIS} without one, so that call may answer an older measurement: its
     * {@link Lag#measuredAtMillis} says when; in process it is measured after every read).
     */
    public Lag lag() {
        lagAskedMillis = System.currentTimeMillis();
        return lag;
    }

    /**
     * In process: reads the log's next entries now rather than at the end of the batch interval, for a reader
     * that waits until the handler has applied them (a global index read after a write). No effect on the topic.
     */
    public void hurry() {
        if (batchIntervalNanos > 0) {
            hurry = true;
            LockSupport.unpark(thread);
        }
    }

    /** How many records this consumer has handed to its handler since it started (duplicates excluded). */
    public long appliedCount() {
        return appliedCount;
    }

    @Override
    public void close() {
        running = false;
        KafkaConsumer<byte[], byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        LockSupport.unpark(thread); // in process: not after the rest of a batch interval
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private ChangeLogConsumer start() {
        positions.putAll(store.load());
        savedPositions.putAll(positions);
        if (local != null && !fromLatest) {
            // before start() returns, so the log keeps what this consumer needs from the moment the role starts
            PartitionPosition saved = positions.get(LOCAL_PARTITION);
            local.applied(name, saved == null ? 0 : saved.nextOffset() - 1);
        }
        thread.start();
        return this;
    }

    private void run() {
        while (running) {
            try (KafkaConsumer<byte[], byte[]> kafkaConsumer = new KafkaConsumer<>(kafka)) {
                consumer = kafkaConsumer;
                if (!running) {
                    return;
                }
                List<TopicPartition> partitions = awaitPartitions(kafkaConsumer);
                if (partitions.isEmpty()) {
                    continue;
                }
                kafkaConsumer.assign(partitions);
                seekToPositions(kafkaConsumer, partitions);
                LOG.infof("Change-log consumer %s reading %d partition(s) of %s", name, partitions.size(), topic);
                while (running) {
                    pollOnce(kafkaConsumer, partitions);
                }
            } catch (WakeupException e) {
                // closing
            } catch (KafkaException | IllegalStateException e) {
                if (running) {
                    LOG.warnf("Change-log consumer %s: %s; retrying", name, e.toString());
                    pause();
                }
            }
        }
    }

    /**
     * Reads item-service's log in this process: batches of up to max-poll-records, in sequence order. The
     * position is saved (with the handler's state, in one commit) at most once per save interval
     * ({@link Builder#saveEvery}, a second by default), whether records keep coming or stopped (a save per batch would commit the store file for every
     * few records of a light load; an idle consumer saves within one more poll): the log keeps every entry until a
     * durable consumer has saved past it, so applying several batches per commit loses nothing. A batch
     * that fails rewinds to the last saved position (its handler rolled back what was not saved).
     */
    private void runLocal() {
        PartitionPosition saved = positions.get(LOCAL_PARTITION);
        if (saved == null) {
            saved = PartitionPosition.start((fromLatest ? local.durableSequence() : 0) + 1);
        }
        report(local.shard(), saved.nextOffset() - 1, new long[0]);
        PartitionPosition position = saved;
        long lastSave = System.currentTimeMillis();
        LOG.infof("Change-log consumer %s reading item-service's log in process from sequence %d", name, position.nextOffset());
        long lastBatchNanos = System.nanoTime() - batchIntervalNanos;
        while (running) {
            try {
                for (long early; running && !hurry && (early = lastBatchNanos + batchIntervalNanos - System.nanoTime()) > 0; ) {
                    LockSupport.parkNanos(early); // the commits meanwhile make one batch rather than each waking it
                }
                hurry = false;
                List<LocalChangeLog.Entry> entries = local.read(position.nextOffset() - 1, maxPollRecords, POLL.toMillis());
                if (!entries.isEmpty()) {
                    // a full batch leaves more to read at once; otherwise the next read waits out the interval
                    lastBatchNanos = entries.size() >= maxPollRecords ? System.nanoTime() - batchIntervalNanos
                            : System.nanoTime();
                    PartitionPosition next = position;
                    List<ChangeRecord> batch = new ArrayList<>(entries.size());
                    List<byte[]> encoded = new ArrayList<>(entries.size());
                    for (LocalChangeLog.Entry entry : entries) {
                        if (!wanted(entry.tableId())) {
                            next = next.skipping(entry.sequence());
                            continue;
                        }
                        ChangeRecord change;
                        try {
                            change = entry.record();
                        } catch (IllegalArgumentException e) {
                            LOG.errorf("Change-log consumer %s skips an unreadable record at sequence %d: %s",
                                    name, entry.sequence(), e.getMessage());
                            next = next.skipping(entry.sequence());
                            continue;
                        }
                        batch.add(change);
                        encoded.add(entry.encoded());
                        next = next.after(entry.sequence(), change);
                    }
                    if (!apply(batch, encoded)) {
                        position = saved;
                        pause();
                        continue;
                    }
                    position = next;
                    report(local.shard(), entries.get(entries.size() - 1).sequence(), new long[0]);
                }
                long now = System.currentTimeMillis();
                if (position != saved && now - lastSave >= saveMillis) {
                    Map<Integer, PartitionPosition> all = new HashMap<>(positions);
                    all.put(LOCAL_PARTITION, position);
                    store.save(all);
                    positions.put(LOCAL_PARTITION, position);
                    saved = position;
                    lastSave = now;
                    if (!fromLatest) {
                        local.applied(name, saved.nextOffset() - 1);
                    }
                }
                long behind = Math.max(0, local.durableSequence() - (position.nextOffset() - 1));
                long since = lastAppliedCommitMillis > 0 ? lastAppliedCommitMillis : startedMillis;
                long measured = System.currentTimeMillis();
                lag = new Lag(behind, behind == 0 ? 0 : Math.max(0, measured - since) / 1000.0, measured);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (running) {
                    LOG.warnf(e, "Change-log consumer %s: %s; retrying from sequence %d", name, e.toString(), saved.nextOffset());
                    position = saved;
                    pause();
                }
            }
        }
    }

    private List<TopicPartition> awaitPartitions(KafkaConsumer<byte[], byte[]> kafkaConsumer) {
        List<PartitionInfo> infos;
        try {
            infos = kafkaConsumer.partitionsFor(topic, Duration.ofSeconds(5));
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            infos = null;
        }
        if (infos == null || infos.isEmpty()) {
            pause();
            return List.of();
        }
        List<TopicPartition> partitions = new ArrayList<>();
        infos.forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
        return partitions;
    }

    private void seekToPositions(KafkaConsumer<byte[], byte[]> kafkaConsumer, List<TopicPartition> partitions) {
        for (TopicPartition partition : partitions) {
            PartitionPosition position = positions.get(partition.partition());
            if (position != null) {
                kafkaConsumer.seek(partition, position.nextOffset());
            }
        }
    }

    private void pollOnce(KafkaConsumer<byte[], byte[]> kafkaConsumer, List<TopicPartition> partitions) {
        ConsumerRecords<byte[], byte[]> polled = kafkaConsumer.poll(POLL);
        if (!polled.isEmpty()) {
            Map<Integer, PartitionPosition> next = new HashMap<>(positions);
            List<ChangeRecord> batch = new ArrayList<>(polled.count());
            List<byte[]> encoded = new ArrayList<>(polled.count());
            Map<Integer, List<Long>> read = progress == null ? null : new HashMap<>();
            for (TopicPartition partition : polled.partitions()) {
                readSinceSave.putIfAbsent(partition.partition(), polled.records(partition).get(0).offset());
            }
            for (ConsumerRecord<byte[], byte[]> record : polled) {
                int partition = record.partition();
                PartitionPosition position = next.getOrDefault(partition, PartitionPosition.start(record.offset()));
                if (!wanted(record.key())) {
                    next.put(partition, position.skipping(record.offset()));
                    noteHeader(read, record);
                    continue;
                }
                ChangeRecord change;
                try {
                    change = ChangeRecordCodec.decode(record.value());
                } catch (IllegalArgumentException e) {
                    LOG.errorf("Change-log consumer %s skips an unreadable record at %s-%d offset %d: %s",
                            name, topic, partition, record.offset(), e.getMessage());
                    next.put(partition, position.skipping(record.offset()));
                    noteHeader(read, record);
                    continue;
                }
                if (read != null) {
                    read.computeIfAbsent(change.shard(), shard -> new ArrayList<>()).add(change.sequence());
                }
                if (position.isDuplicate(change)) {
                    next.put(partition, position.skipping(record.offset()));
                } else {
                    batch.add(change);
                    encoded.add(record.value());
                    next.put(partition, position.after(record.offset(), change));
                }
            }
            if (!apply(batch, encoded)) {
                // the handler rolled back what was not saved: every record since the last save comes again
                pause();
                readSinceSave.forEach((partition, offset) -> kafkaConsumer.seek(new TopicPartition(topic, partition), offset));
                readSinceSave.clear();
                positions.clear();
                positions.putAll(savedPositions);
                return;
            }
            if (read != null) {
                read.forEach((shard, sequences) ->
                        report(shard, 0, sequences.stream().mapToLong(Long::longValue).toArray()));
            }
            positions.putAll(next);
        }
        long now = System.currentTimeMillis();
        if (!readSinceSave.isEmpty() && now - lastSaveMillis >= saveMillis) {
            store.save(positions);
            savedPositions.putAll(positions);
            readSinceSave.clear();
            lastSaveMillis = now;
        }
        refreshLag(kafkaConsumer, partitions);
    }

    /** Notes the shard and sequence a record's header carries (records relayed before the header existed carry none). */
    private static void noteHeader(Map<Integer, List<Long>> read, ConsumerRecord<byte[], byte[]> record) {
        if (read == null) {
            return;
        }
        long[] position = ChangeLogTopic.sequenceOf(record.headers().lastHeader(ChangeLogTopic.SEQUENCE_HEADER));
        if (position != null) {
            read.computeIfAbsent((int) position[0], shard -> new ArrayList<>()).add(position[1]);
        }
    }

    private void report(int shard, long throughSequence, long[] sequences) {
        if (progress != null) {
            progress.applied(shard, throughSequence, sequences);
        }
    }

    /** False for a record of a table the consumer has said it does not need, told by the key alone. */
    private boolean wanted(byte[] key) {
        return wanted(ChangeLogTopic.tableIdOf(key));
    }

    private boolean wanted(String tableId) {
        try {
            return tableId == null || tables.test(tableId);
        } catch (RuntimeException e) {
            return true; // the filter could not tell (e.g. the catalog is away): the handler decides
        }
    }

    private boolean apply(List<ChangeRecord> batch, List<byte[]> encoded) {
        if (batch.isEmpty()) {
            return true;
        }
        try {
            handler.apply(batch, encoded);
        } catch (Exception e) {
            LOG.errorf(e, "Change-log consumer %s: applying %d record(s) failed; retrying", name, batch.size());
            return false;
        }
        appliedCount += batch.size();
        lastAppliedCommitMillis = batch.get(batch.size() - 1).commitTimeMillis();
        return true;
    }

    /**
     * True when a topic consumer should measure its lag at {@code now}: a second or more since the last measurement,
     * and someone asked for the lag within {@link #LAG_INTEREST_MILLIS}.
     */
    static boolean lagDue(long now, long lastRefreshMillis, long askedMillis) {
        return now - lastRefreshMillis >= LAG_REFRESH_MILLIS && askedMillis > 0 && now - askedMillis <= LAG_INTEREST_MILLIS;
    }

    private void refreshLag(KafkaConsumer<byte[], byte[]> kafkaConsumer, List<TopicPartition> partitions) {
        long now = System.currentTimeMillis(); // before the end offsets are read
        if (!lagDue(now, lastLagRefresh, lagAskedMillis)) {
            return;
        }
        lastLagRefresh = now;
        long behind = 0;
        try {
            Map<TopicPartition, Long> ends = kafkaConsumer.endOffsets(partitions, Duration.ofSeconds(1));
            for (TopicPartition partition : partitions) {
                long end = ends.getOrDefault(partition, 0L);
                long at = kafkaConsumer.position(partition, Duration.ofSeconds(1));
                behind += Math.max(0, end - at);
            }
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            return; // the broker is away: keep the last known lag
        }
        long since = lastAppliedCommitMillis > 0 ? lastAppliedCommitMillis : startedMillis;
        lag = new Lag(behind, behind == 0 ? 0 : Math.max(0, now - since) / 1000.0, now);
    }

    private void pause() {
        sleep(RETRY_MILLIS);
    }

    /** Sleeps on the consumer's thread; interrupted, it stops the consumer. */
    private void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** Settings of a {@link ChangeLogConsumer}; {@link #start()} makes and starts it. */
    public static final class Builder {
        private final String bootstrapServers;
        private final String name;
        private String topic = ChangeLogTopic.DEFAULT_NAME;
        private ConsumerPositions positions;
        private EncodedHandler handler;
        private Progress progress;
        private Predicate<String> tables = tableId -> true;
        private MeterRegistry registry;
        private boolean fromLatest;
        private int maxPollRecords = 1000;
        private Duration saveInterval = DEFAULT_SAVE_INTERVAL;
        private Duration batchInterval = Duration.ZERO;
        private LocalChangeLog local;
        private final Map<String, String> overrides = new HashMap<>();

        private Builder(String bootstrapServers, String name) {
            this.bootstrapServers = Objects.requireNonNull(bootstrapServers);
            this.name = Objects.requireNonNull(name);
        }

        public Builder topic(String topic) {
            this.topic = topic;
            return this;
        }

        /** Where the position is kept (required). */
        public Builder positions(ConsumerPositions positions) {
            this.positions = positions;
            return this;
        }

        /** What applies the records (required). */
        public Builder handler(Handler handler) {
            Objects.requireNonNull(handler, "handler");
            this.handler = (records, encoded) -> handler.apply(records);
            return this;
        }

        /** What applies the records, given their bytes too (instead of {@link #handler(Handler)}). */
        public Builder encodedHandler(EncodedHandler handler) {
            this.handler = handler;
            return this;
        }

        /** Told which sequence numbers were applied or passed over, after each batch (optional). */
        public Builder progress(Progress progress) {
            this.progress = progress;
            return this;
        }

        /**
         * Which tables' records the handler needs, by table id: the others are passed over without being
         * decoded (their offsets still count as read). The answer for a table may change from false to true
         * over time (a table gains an index); the consumer then receives the table's later records only, so
         * whatever needs the earlier ones reads them elsewhere (e.g. a backfill reads the table).
         */
        public Builder tables(Predicate<String> tableIdFilter) {
            this.tables = Objects.requireNonNull(tableIdFilter);
            return this;
        }

        /** Registers the lag gauges there. */
        public Builder meterRegistry(MeterRegistry registry) {
            this.registry = registry;
            return this;
        }

        /** Without a saved position, starts at the end of the topic rather than its beginning. */
        public Builder fromLatest() {
            this.fromLatest = true;
            return this;
        }

        /**
         * The longest time between two saves of the position while records keep coming (default
         * {@link #DEFAULT_SAVE_INTERVAL}). Longer: fewer checkpoints of the consumer's store file, each writing
         * the pages changed since the last, for more records applied again after a crash, and the log kept
         * that much longer before item-service may trim it.
         */
        public Builder saveEvery(Duration interval) {
            if (interval.isNegative()) {
                throw new IllegalArgumentException("a negative save interval: " + interval);
            }
            this.saveInterval = interval;
            return this;
        }

        public Builder maxPollRecords(int maxPollRecords) {
            this.maxPollRecords = maxPollRecords;
            return this;
        }

        /**
         * In process ({@link #local}), the shortest time between two batches while changes keep coming (default 0:
         * a batch after every durable commit). Each batch costs the handler a fixed part (its own commit,
         * position and metrics, waking its thread); a commit that comes within the interval of the last batch
         * waits for the next, with the others that come meanwhile, so under load a change reaches the handler
         * up to this much later. A change after a quiet spell is read at once.
         */
        public Builder batchInterval(Duration interval) {
            if (interval.isNegative()) {
                throw new IllegalArgumentException("a negative batch interval: " + interval);
            }
            this.batchInterval = interval;
            return this;
        }

        /** Reads item-service's log in this process instead of the topic (the one-process topology); null: the topic. */
        public Builder local(LocalChangeLog log) {
            this.local = log;
            return this;
        }

        /** A Kafka consumer setting of its own. */
        public Builder kafkaProperty(String key, String value) {
            overrides.put(key, value);
            return this;
        }

        /** The Kafka consumer settings of its own given so far. */
        Map<String, String> kafkaProperties() {
            return Map.copyOf(overrides);
        }

        public ChangeLogConsumer start() {
            Objects.requireNonNull(positions, "positions");
            Objects.requireNonNull(handler, "handler");
            return new ChangeLogConsumer(this).start();
        }
    }
}
