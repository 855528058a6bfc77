package io.dynamis.backup.streams;

import io.dynamis.backup.archive.ArchiveStore;
import io.dynamis.backup.archive.ArchivedTable;
import io.dynamis.backup.client.ItemServiceClient;
import io.dynamis.backup.config.BackupServiceConfig;
import io.dynamis.core.error.ApiError;
import io.dynamis.core.table.TableDefinition;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * The streams: one per table and stream label (the time the stream was enabled), named
 * {@code arn:aws:dynamodb:<region>:<account>:table/<name>/stream/<label>}, with one shard per
 * item-service shard, whose records are the table's archived change records committed since the label.
 */
@ApplicationScoped
public class StreamCatalog {

    /** A stream, resolved. */
    public record Stream(String arn, String label, long startMillis, TableDefinition table, ArchivedTable archived,
            boolean enabled, String viewType) {

        /** The id of the stream's one shard (item-service shard 0). */
        public String shardId() {
            return String.format("shardId-%020d-%08x", startMillis, 0);
        }
    }

    private final ItemServiceClient itemService;
    private final ArchiveStore store;
    private final String tableArnPrefix;

    public StreamCatalog(ItemServiceClient itemService, ArchiveStore store, BackupServiceConfig config) {
        this.itemService = itemService;
        this.store = store;
        this.tableArnPrefix = "arn:aws:dynamodb:" + config.region() + ":" + config.accountId() + ":table/";
    }

    public String tableArn(String tableName) {
        return tableArnPrefix + tableName;
    }

    /** The ARN of the table's latest stream, or null when it never had one. */
    public String streamArn(TableDefinition table) {
        String label = label(table);
        return label == null ? null : tableArn(table.name()) + "/stream/" + label;
    }

    public static String label(TableDefinition table) {
        return table.extra() == null || !table.extra().hasNonNull("LatestStreamLabel") ? null
                : table.extra().get("LatestStreamLabel").asText();
    }

    /** The stream an ARN names, or ResourceNotFoundException. */
    public Stream require(String arn) {
        int stream = arn.indexOf("/stream/");
        if (!arn.startsWith(tableArnPrefix) || stream < 0) {
            throw notFound(arn);
        }
        String name = arn.substring(tableArnPrefix.length(), stream);
        String label = arn.substring(stream + "/stream/".length());
        TableDefinition table = itemService.table(name);
        if (table == null || !label.equals(label(table))) {
            throw notFound(arn);
        }
        long start;
        try {
            start = LocalDateTime.parse(label).toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw notFound(arn);
        }
        var spec = table.extra().path("StreamSpecification");
        ArchivedTable archived = store.table(table.tableId());
        return new Stream(arn, label, start, table, archived, spec.path("StreamEnabled").asBoolean(false),
                spec.path("StreamViewType").asText("NEW_AND_OLD_IMAGES"));
    }

    static ApiError notFound(String arn) {
        return ApiError.resourceNotFound("Requested resource not found: Stream: " + arn + " not found");
    }
}
