package io.dynamis.backup.streams;

import io.dynamis.backup.archive.ArchiveStore;
import io.dynamis.backup.archive.ArchivedTable;
import io.dynamis.backup.archive.Archiver;
import io.dynamis.backup.archive.LogWatermark;
import io.dynamis.backup.archive.TableStates;
import io.dynamis.core.change.ChangeRecord;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A stream's shards over the archive: which records each holds and where it ends. A stream has one shard
 * per item-service shard, holding that shard's records in its log order.
 *
 * <p>An enabled stream's shard is open: it holds the table's records of its item-service shard committed
 * since the stream's label, served up to that shard's watermark (below which nothing is missing). A disabled stream's shard is
 * closed at the disable time: it holds the records committed from the label to that time, and is
 * <em>complete</em> once the archive holds every record committed up to then ({@link TableStates}); from
 * then on DescribeStream shows its EndingSequenceNumber and GetRecords, having served its last record,
 * answers without a NextShardIterator.
 */
@ApplicationScoped
public class StreamShards {

    /**
     * One read of a shard.
     *
     * @param records the stream's records read, in order
     * @param after   where the next read goes on (the last sequence examined)
     * @param ended   true when the shard is closed and nothing of it follows
     */
    public record Read(List<ChangeRecord> records, long after, boolean ended) {
    }

    private final ArchiveStore store;
    private final Archiver archiver;
    private final TableStates states;

    public StreamShards(ArchiveStore store, Archiver archiver, TableStates states) {
        this.store = store;
        this.archiver = archiver;
        this.states = states;
    }

    /** The first sequence number the stream's shard of item-service shard {@code shard} may hold. */
    public long startingSequence(StreamCatalog.Stream stream, int shard) {
        return stream.archived() == null ? 1 : stream.archived().baseSequence(shard) + 1;
    }

    /** True when the stream is disabled and the archive holds all its records, of every shard. */
    public boolean complete(StreamCatalog.Stream stream) {
        return !stream.enabled() && states.latestRestorableMillis() >= stream.period().disabledMillis();
    }

    /** The sequence of the closed shard's last record (its starting sequence when it holds none). */
    public long endingSequence(StreamCatalog.Stream stream, int shard) {
        ArchivedTable table = stream.archived();
        if (table != null) {
            for (Map.Entry<byte[], byte[]> entry : store.records(table, shard, 0, false)) {
                ChangeRecord record = ArchiveStore.decode(entry.getValue());
                if (record.commitTimeMillis() <= stream.period().disabledMillis()) {
                    if (stream.period().covers(record.commitTimeMillis())) {
                        return record.sequence();
                    }
                    break;
                }
            }
        }
        return startingSequence(stream, shard);
    }

    /**
     * Up to {@code max} of the records after sequence {@code after} of the stream's shard of item-service
     * shard {@code shard}, served up to that shard's watermark.
     */
    public Read read(StreamCatalog.Stream stream, int shard, long after, int max) {
        List<ChangeRecord> records = new ArrayList<>();
        long next = Math.max(after, 0);
        boolean complete = complete(stream); // before the watermark is read, which then covers all its records
        LogWatermark.Mark mark = archiver.watermark().mark(shard);
        ArchivedTable table = stream.archived();
        if (mark == null || table == null) {
            return new Read(records, next, complete);
        }
        for (Map.Entry<byte[], byte[]> entry : store.records(table, shard, next, true)) {
            long sequence = ArchiveStore.sequenceOf(entry.getKey());
            if (sequence > mark.through() || records.size() == max) {
                break;
            }
            ChangeRecord record = ArchiveStore.decode(entry.getValue());
            if (!stream.enabled() && record.commitTimeMillis() > stream.period().disabledMillis()) {
                return new Read(records, next, true); // every later record is past the shard's end
            }
            next = sequence;
            if (stream.period().covers(record.commitTimeMillis())) {
                records.add(record);
            }
        }
        if (records.size() == max) {
            return new Read(records, next, false);
        }
        return new Read(records, Math.max(next, mark.through()), complete);
    }
}
