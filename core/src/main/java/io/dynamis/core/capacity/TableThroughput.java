package io.dynamis.core.capacity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynamis.core.table.IndexDefinition;
import io.dynamis.core.table.TableDefinition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The limits of one table as its definition says now: reads and writes of the table, and of each of its
 * global secondary indexes (a local index shares its table's). Built again when UpdateTable changes any
 * capacity setting, so the change applies to the next request. Also the one place that knows DynamoDB's
 * warm throughput and OnDemandThroughput defaults.
 */
public final class TableThroughput {

    /** Warm throughput of a new table or index, in read units a second (DynamoDB's default). */
    public static final long DEFAULT_WARM_READ = 12_000;
    /** Warm throughput of a new table or index, in write units a second. */
    public static final long DEFAULT_WARM_WRITE = 4_000;

    /** The member of a table's {@code extra} that holds each global index's OnDemandThroughput, by index name. */
    private static final String INDEX_ON_DEMAND = "IndexOnDemandThroughput";

    /** One table or index in one direction: its limit and its meters. */
    record Resource(String index, boolean read, ThroughputLimit limit, CapacityMetrics.Meters meters) {
    }

    private volatile TableDefinition definition;
    private final String signature;
    private final Resource read;
    private final Resource write;
    private final Map<String, Resource> indexReads = new HashMap<>();
    private final List<Resource> indexWrites = new ArrayList<>();

    private TableThroughput(TableDefinition table, String signature, CapacityMetrics metrics, long nowNanos, int shards) {
        this.definition = table;
        this.signature = signature;
        boolean onDemand = TableDefinition.PAY_PER_REQUEST.equals(table.billingMode());
        JsonNode onDemandMax = table.extra() == null ? null : table.extra().get("OnDemandThroughput");
        long warmRead = warmRead(table);
        long warmWrite = warmWrite(table);
        int partitions = onDemand ? partitions(warmRead, warmWrite)
                : partitions(table.readCapacityUnits(), table.writeCapacityUnits());
        // the table's reads and writes, and its indexes' writes, are admitted by each item-service shard for the
        // items it holds: each holds its share of the budget (the slots spread partitions evenly)
        int partitionsHere = Math.max(1, partitions / shards);
        this.read = resource(table.name(), null, true, onDemand, share(table.readCapacityUnits(), shards),
                share(maxUnits(onDemandMax, "MaxReadRequestUnits"), shards), share(warmRead, shards), partitionsHere,
                metrics, nowNanos);
        this.write = resource(table.name(), null, false, onDemand, share(table.writeCapacityUnits(), shards),
                share(maxUnits(onDemandMax, "MaxWriteRequestUnits"), shards), share(warmWrite, shards), partitionsHere,
                metrics, nowNanos);
        for (IndexDefinition index : table.indexes()) {
            if (!index.global()) {
                continue;
            }
            int indexPartitions = onDemand ? partitions(DEFAULT_WARM_READ, DEFAULT_WARM_WRITE)
                    : partitions(index.readCapacityUnits(), index.writeCapacityUnits());
            // an index's reads are admitted by query-service, which holds all of it: its whole budget
            JsonNode indexMax = indexOnDemand(table, index.name());
            indexReads.put(index.name(), resource(table.name(), index.name(), true, onDemand, index.readCapacityUnits(),
                    maxUnits(indexMax, "MaxReadRequestUnits"), Math.max(DEFAULT_WARM_READ, index.readCapacityUnits()),
                    indexPartitions, metrics, nowNanos));
            indexWrites.add(resource(table.name(), index.name(), false, onDemand, share(index.writeCapacityUnits(), shards),
                    share(maxUnits(indexMax, "MaxWriteRequestUnits"), shards),
                    share(Math.max(DEFAULT_WARM_WRITE, index.writeCapacityUnits()), shards),
                    Math.max(1, indexPartitions / shards), metrics, nowNanos));
        }
    }

    static TableThroughput of(TableDefinition table, CapacityMetrics metrics, long nowNanos) {
        return of(table, metrics, nowNanos, 1);
    }

    /**
     * The limits one of {@code shards} item-service shards enforces: its share of the table's (and its
     * indexes' write) units, so that together the shards hold the table to its budget. A maximum of 0 (none)
     * stays none.
     */
    static TableThroughput of(TableDefinition table, CapacityMetrics metrics, long nowNanos, int shards) {
        return new TableThroughput(table, signature(table), metrics, nowNanos, Math.max(1, shards));
    }

    /** One shard's share of a number of units, at least 1 unit (0, "none", stays 0). */
    static long share(long units, int shards) {
        return units <= 0 ? units : Math.max(1, units / shards);
    }

    private static Resource resource(String table, String index, boolean read, boolean onDemand, long provisioned,
            long max, long warm, int partitions, CapacityMetrics metrics, long nowNanos) {
        double partitionRate = read ? ThroughputLimit.PARTITION_READ_UNITS : ThroughputLimit.PARTITION_WRITE_UNITS;
        ThroughputLimit limit = onDemand
                ? ThroughputLimit.onDemand(max, warm, partitionRate, partitions, nowNanos)
                : ThroughputLimit.provisioned(Math.max(1, provisioned), partitionRate, partitions, nowNanos);
        return new Resource(index, read, limit, metrics.meters(table, index, read, onDemand ? Math.max(0, max)
                : provisioned));
    }

    /** DynamoDB's partition count for a throughput: {@code ceil(RCU / 3,000 + WCU / 1,000)}, at least one. */
    static int partitions(long readUnits, long writeUnits) {
        double needed = readUnits / ThroughputLimit.PARTITION_READ_UNITS + writeUnits / ThroughputLimit.PARTITION_WRITE_UNITS;
        return (int) Math.max(1, Math.min(65_536, Math.ceil(needed)));
    }

    /** A global index's OnDemandThroughput as CreateTable or UpdateTable set it, or null. */
    public static JsonNode indexOnDemand(TableDefinition table, String index) {
        JsonNode all = table.extra() == null ? null : table.extra().get(INDEX_ON_DEMAND);
        JsonNode units = all == null ? null : all.get(index);
        return units != null && units.isObject() ? units : null;
    }

    /**
     * Keeps a global index's OnDemandThroughput in a table's {@code extra}, merged with what was kept (a member
     * not given keeps its value), or forgets it ({@code units} null: the index is gone).
     */
    public static void setIndexOnDemand(ObjectNode extra, String index, ObjectNode units) {
        ObjectNode all = extra.get(INDEX_ON_DEMAND) instanceof ObjectNode kept ? kept : extra.putObject(INDEX_ON_DEMAND);
        if (units == null) {
            all.remove(index);
            return;
        }
        ObjectNode merged = all.get(index) instanceof ObjectNode kept ? kept : all.putObject(index);
        merged.setAll(units);
    }

    /** An OnDemandThroughput maximum: a positive number, or 0 for none (absent or -1). */
    private static long maxUnits(JsonNode onDemandThroughput, String member) {
        if (onDemandThroughput == null) {
            return 0;
        }
        long value = onDemandThroughput.path(member).asLong(-1);
        return value > 0 ? value : 0;
    }

    /**
     * The table's warm throughput in read units a second, as DescribeTable reports it: DynamoDB's default
     * for a new table, raised by a higher provisioned throughput or a WarmThroughput asked for.
     */
    public static long warmRead(TableDefinition table) {
        return warm(table, DEFAULT_WARM_READ, table.readCapacityUnits(), "ReadUnitsPerSecond");
    }

    /** The table's warm throughput in write units a second (see {@link #warmRead}). */
    public static long warmWrite(TableDefinition table) {
        return warm(table, DEFAULT_WARM_WRITE, table.writeCapacityUnits(), "WriteUnitsPerSecond");
    }

    private static long warm(TableDefinition table, long defaultUnits, long provisioned, String member) {
        long asked = table.extra() == null ? 0 : table.extra().path("WarmThroughput").path(member).asLong(0);
        return Math.max(defaultUnits, Math.max(provisioned, asked));
    }

    /** Everything a limit is built from: equal signatures, equal limits. */
    static String signature(TableDefinition table) {
        StringBuilder s = new StringBuilder(64).append(table.tableId()).append('|').append(table.billingMode())
                .append('|').append(table.readCapacityUnits()).append('|').append(table.writeCapacityUnits());
        if (table.extra() != null) {
            s.append('|').append(table.extra().get("OnDemandThroughput")).append('|')
                    .append(table.extra().get("WarmThroughput")).append('|').append(table.extra().get(INDEX_ON_DEMAND));
        }
        for (IndexDefinition index : table.indexes()) {
            if (index.global()) {
                s.append('|').append(index.name()).append(':').append(index.readCapacityUnits()).append(':')
                        .append(index.writeCapacityUnits());
            }
        }
        return s.toString();
    }

    TableDefinition definition() {
        return definition;
    }

    /** The same limits, now known under another instance of an equal definition (a catalog's new copy). */
    void seen(TableDefinition table) {
        this.definition = table;
    }

    String signature() {
        return signature;
    }

    Resource read() {
        return read;
    }

    Resource write() {
        return write;
    }

    /** A global index's reads, or null when the table has no such global index. */
    Resource indexRead(String index) {
        return indexReads.get(index);
    }

    /** Every global index's writes (a write to the table draws from each). */
    List<Resource> indexWrites() {
        return indexWrites;
    }
}
