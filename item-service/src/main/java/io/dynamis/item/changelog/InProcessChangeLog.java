package io.dynamis.item.changelog;

import io.dynamis.core.change.ChangeLogTopic;
import io.dynamis.core.change.LocalChangeLog;
import io.dynamis.core.roles.Plays;
import io.dynamis.core.roles.Role;
import io.dynamis.core.roles.RoleEvents.RoleStart;
import io.dynamis.core.roles.RoleEvents.RoleStop;
import io.dynamis.core.roles.Roles;
import io.dynamis.item.config.ItemServiceConfig;
import io.dynamis.item.storage.ItemStore;
import io.dynamis.item.storage.LogEntry;
import io.dynamis.item.storage.StoreWriter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jboss.logging.Logger;

/**
 * The store's change log read in this process: the one-process topology's change log, in place of the
 * relay and the broker ({@link io.dynamis.core.change.LocalChangeLog}). Consumers read durable entries
 * straight from the log map, woken by each durable commit; nothing is copied or encoded again.
 *
 * <p>Retention: the lowest sequence every durable consumer has applied becomes the store's "relayed"
 * position (so a restart knows it), and entries at or below it that are older than
 * {@code change-log.retention} are trimmed, as the relay does for the broker's acknowledgements.
 */
@ApplicationScoped
public class InProcessChangeLog implements LocalChangeLog {

    private static final Logger LOG = Logger.getLogger(InProcessChangeLog.class);
    private static final long SAVE_INTERVAL_MILLIS = 1000;
    private static final long FIRST_PASS_DELAY_MILLIS = 30_000;
    /**
     * Entries kept decoded for the consumers still to read them: enough for consumers a few batches apart
     * (one further behind decodes its own copy), few enough that decoded records (and the images an index
     * decoded) do not live long enough to fill the old generation under a steady write load.
     */
    private static final int RECENT_ENTRIES = 4_096;

    private final ItemStore store;
    private final StoreWriter writer;
    private final ItemServiceConfig.ChangeLog config;
    private final Roles roles;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition committed = lock.newCondition();
    private final Map<String, Long> applied = new ConcurrentHashMap<>();
    /** The entries read lately, by sequence: every consumer gets the same entry, decoded once. */
    private final ConcurrentSkipListMap<Long, Entry> recent = new ConcurrentSkipListMap<>();
    private final LogRetention retention;
    private ScheduledExecutorService retentionTask;

    public InProcessChangeLog(ItemStore store, StoreWriter writer, ItemServiceConfig config, Roles roles) {
        this.store = store;
        this.writer = writer;
        this.config = config.changeLog();
        this.roles = roles;
        this.retention = new LogRetention(writer, this.config.retention());
        writer.addCommitListener(sequence -> signal());
    }

    void start(@Observes @Plays(Role.ITEM) RoleStart event) {
        if (!roles.changeLogInProcess()) {
            return;
        }
        retentionTask = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "change-log-retention");
            thread.setDaemon(true);
            return thread;
        });
        // the first pass waits until every role has started, so every durable consumer has said where it stands
        retentionTask.scheduleWithFixedDelay(this::saveAndTrim, FIRST_PASS_DELAY_MILLIS, SAVE_INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
        LOG.infof("Change log read in process (no broker): %d record(s) kept, through sequence %d",
                store.changeCount(), writer.durableSequence());
    }

    void stop(@Observes @Plays(Role.ITEM) RoleStop event) {
        if (retentionTask != null) {
            retentionTask.shutdownNow();
        }
    }

    @Override
    public int shard() {
        return 0;
    }

    @Override
    public long durableSequence() {
        return writer.durableSequence();
    }

    @Override
    public List<Entry> read(long afterSequence, int max, long waitMillis) throws InterruptedException {
        long durable = writer.durableSequence();
        if (durable <= afterSequence) {
            lock.lock();
            try {
                long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
                while ((durable = writer.durableSequence()) <= afterSequence) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return List.of();
                    }
                    committed.awaitNanos(left);
                }
            } finally {
                lock.unlock();
            }
        }
        List<Entry> entries = new ArrayList<>(Math.min(max, (int) Math.min(Integer.MAX_VALUE, durable - afterSequence)));
        long expected = afterSequence + 1;
        for (Map.Entry<Long, byte[]> entry : store.changesAfter(afterSequence)) {
            if (entry.getKey() > durable || entries.size() >= max) {
                break;
            }
            if (entry.getKey() != expected && !trimmedBelow(expected, entry.getKey())) {
                break; // a durable entry this read did not see: hand out what comes before it, and look again
            }
            expected = entry.getKey() + 1;
            entries.add(recent.computeIfAbsent(entry.getKey(),
                    sequence -> new Entry(sequence, tableIdOf(entry.getValue()), LogEntry.record(entry.getValue()))));
        }
        if (entries.isEmpty()) {
            if (expected > store.relayedSequence()) {
                LOG.warnf("Change log: sequence %d is durable but was not found; reading again", expected);
            } // else trimmed already, as everything up to the next entry to come
            Thread.sleep(Math.min(waitMillis, 100));
        }
        if (recent.size() > RECENT_ENTRIES) {
            recent.headMap(recent.lastKey() - RECENT_ENTRIES / 2).clear();
        }
        return entries;
    }

    @Override
    public void applied(String consumer, long sequence) {
        applied.merge(consumer, sequence, Math::max);
    }

    /**
     * True when the entries from {@code missing} up to {@code found} were trimmed by retention (a consumer
     * that starts below the log's first entry goes on from there); false for a hole inside the log.
     */
    private boolean trimmedBelow(long missing, long found) {
        if (missing > store.relayedSequence()) {
            return false;
        }
        Map.Entry<Long, byte[]> first = store.firstChangeAfter(0);
        return first != null && first.getKey() == found;
    }

    private static String tableIdOf(byte[] entry) {
        return ChangeLogTopic.tableIdOf(LogEntry.kafkaKey(entry).getBytes(StandardCharsets.UTF_8));
    }

    private void signal() {
        lock.lock();
        try {
            committed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void saveAndTrim() {
        try {
            if (applied.isEmpty()) {
                return;
            }
            long through = applied.values().stream().mapToLong(Long::longValue).min().orElse(0);
            if (through > store.relayedSequence()) {
                retention.markTaken(through);
            }
            retention.trimIfDue(System.currentTimeMillis());
        } catch (RuntimeException e) {
            LOG.warnf("Change-log retention: %s", e.toString());
        }
    }
}
