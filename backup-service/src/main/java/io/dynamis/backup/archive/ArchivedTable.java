package io.dynamis.backup.archive;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.dynamis.core.table.StreamHistory;
import io.dynamis.core.table.TableDefinition;
import java.util.Map;

/**
 * What the archive knows of one table (one table id: a table created again under the same name is
 * another one).
 *
 * @param tableId          the table's id
 * @param name             its name
 * @param archiveId        the number prefixing its records and its copy's items in the archive
 * @param definition       its definition as last read from the catalog (null until read)
 * @param pitrEnabled      whether point-in-time recovery is enabled
 * @param pitrSinceMillis  when it was last enabled
 * @param recoveryDays     the RecoveryPeriodInDays asked for
 * @param baseSequences    per item-service shard, the last sequence of that shard's log folded into the
 *                         table's copy (its records up to it are gone); a shard not listed has none folded
 * @param baseTimeMillis   the copy holds the table's state at this time
 * @param foldTargetMillis a retention pass under way folds records up to this time (0: none)
 * @param deletedMillis    when the table was found deleted (0: it exists)
 */
public record ArchivedTable(String tableId, String name, long archiveId, TableDefinition definition,
        boolean pitrEnabled, long pitrSinceMillis, int recoveryDays, Map<Integer, Long> baseSequences,
        long baseTimeMillis, long foldTargetMillis, long deletedMillis) {

    public ArchivedTable {
        baseSequences = baseSequences == null ? Map.of() : Map.copyOf(baseSequences);
    }

    /**
     * Reads a stored entry; one stored before shards had logs of their own carries shard 0's base as
     * {@code baseSequence}.
     */
    @JsonCreator
    static ArchivedTable stored(@JsonProperty("tableId") String tableId, @JsonProperty("name") String name,
            @JsonProperty("archiveId") long archiveId, @JsonProperty("definition") TableDefinition definition,
            @JsonProperty("pitrEnabled") boolean pitrEnabled, @JsonProperty("pitrSinceMillis") long pitrSinceMillis,
            @JsonProperty("recoveryDays") int recoveryDays,
            @JsonProperty("baseSequences") Map<Integer, Long> baseSequences,
            @JsonProperty("baseSequence") Long legacyBaseSequence,
            @JsonProperty("baseTimeMillis") long baseTimeMillis, @JsonProperty("foldTargetMillis") long foldTargetMillis,
            @JsonProperty("deletedMillis") long deletedMillis) {
        Map<Integer, Long> bases = baseSequences != null ? baseSequences
                : legacyBaseSequence != null && legacyBaseSequence > 0 ? Map.of(0, legacyBaseSequence) : Map.of();
        return new ArchivedTable(tableId, name, archiveId, definition, pitrEnabled, pitrSinceMillis, recoveryDays, bases,
                baseTimeMillis, foldTargetMillis, deletedMillis);
    }

    /** The last sequence of the shard's log folded into the copy (0: none). */
    public long baseSequence(int shard) {
        return baseSequences.getOrDefault(shard, 0L);
    }

    public ArchivedTable withDefinition(TableDefinition newDefinition) {
        return new ArchivedTable(tableId, name, archiveId, newDefinition, pitrEnabled, pitrSinceMillis, recoveryDays,
                baseSequences, baseTimeMillis, foldTargetMillis, deletedMillis);
    }

    public ArchivedTable withPointInTimeRecovery(boolean enabled, long sinceMillis, int days) {
        return new ArchivedTable(tableId, name, archiveId, definition, enabled, sinceMillis, days,
                baseSequences, baseTimeMillis, foldTargetMillis, deletedMillis);
    }

    public ArchivedTable withBase(Map<Integer, Long> sequences, long timeMillis, long foldTarget) {
        return new ArchivedTable(tableId, name, archiveId, definition, pitrEnabled, pitrSinceMillis, recoveryDays,
                sequences, timeMillis, foldTarget, deletedMillis);
    }

    public ArchivedTable deleted(long whenMillis) {
        return new ArchivedTable(tableId, name, archiveId, definition, false, pitrSinceMillis, recoveryDays,
                baseSequences, baseTimeMillis, foldTargetMillis, whenMillis);
    }

    /** The earliest time whose state the archive can rebuild: nothing before its copy's time. */
    public long earliestStateMillis() {
        return Math.max(baseTimeMillis, foldTargetMillis);
    }

    /**
     * True when the table (as last read) has a stream whose records must be kept at {@code nowMillis}: an
     * enabled one, or one disabled less than {@code retentionMillis} ago (its closed shard stays readable).
     */
    public boolean hasReadableStream(long nowMillis, long retentionMillis) {
        for (StreamHistory.Stream stream : streams(nowMillis)) {
            if (stream.enabled() || stream.disabledMillis() >= nowMillis - retentionMillis) {
                return true;
            }
        }
        return false;
    }

    /**
     * The table's streams (as last read), oldest first. A table that is gone closed its enabled stream
     * when it was deleted, as DynamoDB does: at {@link #deletedMillis}, or at {@code nowMillis} while
     * the deletion is not noticed yet ({@code gone}); the stream then stays readable for the retention.
     */
    public java.util.List<StreamHistory.Stream> streams(long nowMillis) {
        return streams(nowMillis, deletedMillis > 0);
    }

    /** {@link #streams(long)}, for a table known to be {@code gone} from the catalog. */
    public java.util.List<StreamHistory.Stream> streams(long nowMillis, boolean gone) {
        if (definition == null) {
            return java.util.List.of();
        }
        long closedAt = deletedMillis > 0 ? deletedMillis : nowMillis;
        return StreamHistory.of(definition.extra()).stream()
                .map(stream -> gone && stream.enabled()
                        ? new StreamHistory.Stream(stream.label(), stream.enabledMillis(), stream.viewType(), closedAt)
                        : stream)
                .toList();
    }
}
