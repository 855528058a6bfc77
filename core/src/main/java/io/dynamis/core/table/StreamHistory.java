package io.dynamis.core.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The DynamoDB streams a table has had, kept in its catalog entry (the definition's {@code extra}, member
 * {@value #MEMBER}): each stream's label (the time it was enabled, which names it), its view type and,
 * once disabled, the time it was disabled. item-service writes it when CreateTable or UpdateTable enables
 * or disables a stream; backup-service serves the Streams API from it.
 *
 * <p>As in DynamoDB, enabling a stream again makes a new stream (new label, new ARN); the disabled one
 * stays readable, closed at its disable time, for 24 hours ({@link #KEPT_MILLIS}), after which it is
 * forgotten. A stream's records are the table's changes committed from its label's time to its disable
 * time, both included; a new stream's label is always later than the previous one's disable time, so no
 * change belongs to two streams.
 */
public final class StreamHistory {

    /** Where the catalog keeps the history, in the table's {@code extra}. */
    public static final String MEMBER = "StreamHistory";

    /** Where the catalog keeps the label of the table's latest stream (DescribeTable's LatestStreamLabel). */
    public static final String LATEST_LABEL = "LatestStreamLabel";

    /** How long a disabled stream stays readable, as in DynamoDB. */
    public static final long KEPT_MILLIS = 24 * 3_600_000L;

    private static final DateTimeFormatter LABEL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS")
            .withZone(ZoneOffset.UTC);

    /**
     * One stream of the table.
     *
     * @param label          its StreamLabel: the time it was enabled, ISO-8601 in milliseconds, UTC
     * @param enabledMillis  that time, epoch milliseconds
     * @param viewType       its StreamViewType
     * @param disabledMillis when it was disabled (its shards closed), epoch milliseconds; 0 while enabled
     */
    public record Stream(String label, long enabledMillis, String viewType, long disabledMillis) {

        public boolean enabled() {
            return disabledMillis == 0;
        }

        /** True when a change committed at that time belongs to this stream. */
        public boolean covers(long commitTimeMillis) {
            return commitTimeMillis >= enabledMillis && (enabled() || commitTimeMillis <= disabledMillis);
        }
    }

    private StreamHistory() {
    }

    /** A stream label as DynamoDB writes it: the ISO-8601 time, in milliseconds, UTC. */
    public static String label(long millis) {
        return LABEL.format(Instant.ofEpochMilli(millis));
    }

    /** The time a label names, or -1 when the text is not a label. */
    public static long millisOf(String label) {
        try {
            return LocalDateTime.parse(label, LABEL).toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (DateTimeParseException e) {
            return -1;
        }
    }

    /** The table's streams, oldest first (a catalog written before the history was kept: its latest one). */
    public static List<Stream> of(JsonNode extra) {
        List<Stream> streams = new ArrayList<>();
        if (extra == null) {
            return streams;
        }
        JsonNode history = extra.get(MEMBER);
        if (history != null && history.isArray()) {
            for (JsonNode s : history) {
                String label = s.path("Label").asText();
                streams.add(new Stream(label, millisOf(label), s.path("StreamViewType").asText(),
                        s.path("DisabledMillis").asLong(0)));
            }
            return streams;
        }
        String latest = extra.path(LATEST_LABEL).asText(null);
        long enabledMillis = latest == null ? -1 : millisOf(latest);
        if (enabledMillis >= 0) {
            JsonNode spec = extra.path("StreamSpecification");
            boolean enabled = spec.path("StreamEnabled").asBoolean(false);
            streams.add(new Stream(latest, enabledMillis, spec.path("StreamViewType").asText("NEW_AND_OLD_IMAGES"),
                    enabled ? 0 : enabledMillis));
        }
        return streams;
    }

    /** The table's enabled stream, or null. */
    public static Stream enabled(JsonNode extra) {
        List<Stream> streams = of(extra);
        return streams.isEmpty() || !streams.get(streams.size() - 1).enabled() ? null : streams.get(streams.size() - 1);
    }

    /**
     * Records a new stream in {@code extra} (its label later than every earlier stream's times) and makes
     * it the latest; returns its label.
     */
    public static String enable(ObjectNode extra, String viewType, long nowMillis) {
        List<Stream> streams = kept(extra, nowMillis);
        long at = nowMillis;
        for (Stream s : streams) {
            at = Math.max(at, Math.max(s.enabledMillis(), s.disabledMillis()) + 1);
        }
        streams.add(new Stream(label(at), at, viewType, 0));
        write(extra, streams);
        extra.put(LATEST_LABEL, label(at));
        return label(at);
    }

    /** Closes the enabled stream in {@code extra} at {@code nowMillis} (never before it was enabled). */
    public static void disable(ObjectNode extra, long nowMillis) {
        List<Stream> streams = kept(extra, nowMillis);
        for (int i = 0; i < streams.size(); i++) {
            Stream s = streams.get(i);
            if (s.enabled()) {
                streams.set(i, new Stream(s.label(), s.enabledMillis(), s.viewType(),
                        Math.max(nowMillis, s.enabledMillis())));
            }
        }
        write(extra, streams);
    }

    /** The streams still kept at {@code nowMillis}: the enabled one and those disabled less than 24 hours ago. */
    private static List<Stream> kept(JsonNode extra, long nowMillis) {
        List<Stream> kept = new ArrayList<>();
        for (Stream s : of(extra)) {
            if (s.enabled() || s.disabledMillis() >= nowMillis - KEPT_MILLIS) {
                kept.add(s);
            }
        }
        return kept;
    }

    private static void write(ObjectNode extra, List<Stream> streams) {
        ArrayNode history = extra.putArray(MEMBER);
        for (Stream s : streams) {
            ObjectNode entry = history.addObject().put("Label", s.label()).put("StreamViewType", s.viewType());
            if (!s.enabled()) {
                entry.put("DisabledMillis", s.disabledMillis());
            }
        }
    }
}
