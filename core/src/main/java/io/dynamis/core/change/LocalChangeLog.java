package io.dynamis.core.change;

import java.util.List;

/**
 * item-service's own change log, read in the same process: the one-process topology's change log, with
 * no broker in between. item-service provides it; {@link ChangeLogConsumer}s read it when every role
 * runs in one process ({@link ChangeLogConsumers}).
 *
 * <p>It hands out only durable entries, in sequence order, without gaps. The log keeps an entry until
 * every durable consumer has said it applied it ({@link #applied}) and the retention has passed.
 */
public interface LocalChangeLog {

    /**
     * One entry: its sequence number, its table's id (to pass over records undecoded) and the record,
     * decoded at most once however many consumers read it (the log hands the same entry to each).
     */
    final class Entry {
        private final long sequence;
        private final String tableId;
        private final byte[] encoded;
        private volatile ChangeRecord decoded;

        public Entry(long sequence, String tableId, byte[] encoded) {
            this.sequence = sequence;
            this.tableId = tableId;
            this.encoded = encoded;
        }

        public long sequence() {
            return sequence;
        }

        public String tableId() {
            return tableId;
        }

        /** The record's bytes as the log holds them (not to be changed). */
        public byte[] encoded() {
            return encoded;
        }

        /** The record, decoded on first use; throws IllegalArgumentException for an unreadable one. */
        public ChangeRecord record() {
            ChangeRecord record = decoded;
            if (record == null) {
                record = ChangeRecordCodec.decode(encoded);
                decoded = record;
            }
            return record;
        }
    }

    /** The item-service shard whose log this is. */
    int shard();

    /** The last durable sequence number. */
    long durableSequence();

    /**
     * Up to {@code max} durable entries after {@code afterSequence}, in order; when there are none yet,
     * waits up to {@code waitMillis} for a commit first.
     */
    List<Entry> read(long afterSequence, int max, long waitMillis) throws InterruptedException;

    /**
     * The durable consumer {@code consumer} has applied (and saved its position through) {@code sequence};
     * called once at its start with its saved position, so that the log keeps what it still needs.
     */
    void applied(String consumer, long sequence);
}
