package io.dynamis.core.capacity;

import io.dynamis.core.error.ApiError;
import io.dynamis.core.table.TableDefinition;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Capacity enforcement where the data lives: item-service admits every read and write of a table (and
 * draws each write from the table's global indexes too, so an index that cannot keep up throttles writes
 * to its table, as in DynamoDB), query-service admits the reads of global indexes. Each bucket has exactly
 * one owner, so the budget holds with any number of gateways.
 *
 * <p>An operation asks for a {@link Ticket} before it touches storage, with an estimate of its units (the
 * least it can cost, or what the request already tells: a PutItem's new item); a throttled request is
 * refused with DynamoDB's exception and consumes nothing. Once the real cost is known (the units
 * {@code ConsumedCapacity} reports) it settles the ticket. When {@code dynamis.capacity.enforce} is off
 * (the default, as DynamoDB Local) every call returns at its first line.
 */
@ApplicationScoped
public class CapacityGuard {

    static final String TABLE_MESSAGE = "The level of configured provisioned throughput for the table was exceeded."
            + " Consider increasing your provisioning level with the UpdateTable API.";
    static final String INDEX_WRITE_MESSAGE = "The level of configured provisioned throughput for one or more global"
            + " secondary indexes of the table was exceeded. Consider increasing your provisioning level for the"
            + " under-provisioned global secondary indexes with the UpdateTable API";
    static final String INDEX_READ_MESSAGE = "The level of configured provisioned throughput for the index was exceeded";
    static final String MAX_ON_DEMAND_MESSAGE = "Throughput exceeds the maximum OnDemandThroughput configured on table"
            + " or index";
    static final String ON_DEMAND_MESSAGE = "Throughput exceeds the current capacity of your table or index. DynamoDB"
            + " is automatically scaling your table or index so please try again shortly. If exceptions persist, check"
            + " if you have a hot key: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/"
            + "bp-partition-key-design.html";

    private final boolean enforce;
    private final LongSupplier clock;
    private final CapacityMetrics metrics;
    private final String arnPrefix;
    private final int shards;
    private final ConcurrentHashMap<String, TableThroughput> tables = new ConcurrentHashMap<>();

    @Inject
    public CapacityGuard(CapacityConfig config, MeterRegistry registry,
            @ConfigProperty(name = "dynamis.item.region", defaultValue = "us-east-1") String region,
            @ConfigProperty(name = "dynamis.item.account-id", defaultValue = "000000000000") String accountId,
            @ConfigProperty(name = "dynamis.item.shards", defaultValue = "1") int shards) {
        this(config.enforce(), System::nanoTime, new CapacityMetrics(registry),
                "arn:aws:dynamodb:" + region + ":" + accountId + ":table/", shards);
    }

    /** A guard on a clock of the caller's (nanoseconds), for tests. */
    public CapacityGuard(boolean enforce, LongSupplier clock, CapacityMetrics metrics, String arnPrefix) {
        this(enforce, clock, metrics, arnPrefix, 1);
    }

    /**
     * A guard of one of {@code shards} item-service shards: it admits the table's reads and writes of the
     * items its shard holds, from its share of the table's budget (see {@link TableThroughput#of}).
     */
    public CapacityGuard(boolean enforce, LongSupplier clock, CapacityMetrics metrics, String arnPrefix, int shards) {
        this.enforce = enforce;
        this.clock = clock;
        this.metrics = metrics;
        this.arnPrefix = arnPrefix;
        this.shards = Math.max(1, shards);
    }

    public boolean enforcing() {
        return enforce;
    }

    /**
     * Admits a read of a table (or of one of its local indexes: {@code globalIndex} null) or of one of its
     * global indexes, or throws DynamoDB's throttling exception.
     *
     * @param hash the 16-bit hash of the partition key read, -1 for a read of the whole table (Scan)
     */
    public Ticket admitRead(TableDefinition table, String globalIndex, int hash, double estimate, String operation) {
        return admitRead(table, globalIndex, hash, estimate, operation, false);
    }

    /**
     * {@link #admitRead}, for one key of a batch when {@code batchItem}: a refusal counts as a throttle event
     * only, the batch counting its request as throttled ({@link #throttledRequest}) when every key was.
     */
    public Ticket admitRead(TableDefinition table, String globalIndex, int hash, double estimate, String operation,
            boolean batchItem) {
        if (!enforce) {
            return Ticket.NONE;
        }
        TableThroughput throughput = throughput(table);
        TableThroughput.Resource resource = globalIndex == null ? throughput.read() : throughput.indexRead(globalIndex);
        if (resource == null) {
            return Ticket.NONE;
        }
        long now = clock.getAsLong();
        admit(table, resource, hash, estimate, now, operation, batchItem ? null : resource);
        return new Ticket(this, new TableThroughput.Resource[] {resource}, hash, estimate);
    }

    /**
     * Admits a write of one item of a table: from the table's write capacity and from each of its global
     * indexes' (where the index's partition is not known yet: its table-wide limit only, with nothing
     * taken until the write tells whether it changed the index), or throws.
     */
    public Ticket admitWrite(TableDefinition table, int hash, double estimate, String operation) {
        return admitWrite(table, hash, estimate, operation, false);
    }

    /** {@link #admitWrite}, for one write of a batch when {@code batchItem} (see {@link #admitRead(TableDefinition, String, int, double, String, boolean)}). */
    public Ticket admitWrite(TableDefinition table, int hash, double estimate, String operation, boolean batchItem) {
        if (!enforce) {
            return Ticket.NONE;
        }
        TableThroughput throughput = throughput(table);
        List<TableThroughput.Resource> indexes = throughput.indexWrites();
        TableThroughput.Resource[] resources = new TableThroughput.Resource[1 + indexes.size()];
        resources[0] = throughput.write();
        TableThroughput.Resource request = batchItem ? null : resources[0];
        long now = clock.getAsLong();
        admit(table, resources[0], hash, estimate, now, operation, request);
        for (int i = 0; i < indexes.size(); i++) {
            try {
                admit(table, indexes.get(i), -1, 0, now, operation, request);
            } catch (ApiError throttled) {
                new Ticket(this, java.util.Arrays.copyOf(resources, i + 1), hash, estimate).cancel();
                throw throttled;
            }
            resources[i + 1] = indexes.get(i);
        }
        return new Ticket(this, resources, hash, estimate);
    }

    /**
     * Takes from one resource or throws: the refusal is a throttle event of that resource and, unless
     * {@code request} is null (a batch's item), a throttled request of {@code request}'s table or index.
     */
    private void admit(TableDefinition table, TableThroughput.Resource resource, int hash, double estimate, long now,
            String operation, TableThroughput.Resource request) {
        ThroughputLimit.Throttle throttle = resource.limit().admit(hash, estimate, now);
        if (throttle != null) {
            resource.meters().throttleEvent(operation);
            if (request != null) {
                request.meters().throttledRequest(operation);
            }
            throw error(table, resource, throttle);
        }
    }

    /** Counts a batch whose every item was throttled as one throttled request of the table (DynamoDB's rule). */
    public void throttledRequest(TableDefinition table, boolean read, String operation) {
        if (enforce) {
            TableThroughput throughput = throughput(table);
            (read ? throughput.read() : throughput.write()).meters().throttledRequest(operation);
        }
    }

    private ApiError error(TableDefinition table, TableThroughput.Resource resource, ThroughputLimit.Throttle throttle) {
        boolean index = resource.index() != null;
        String reason = (index ? "Index" : "Table") + (resource.read() ? "Read" : "Write") + throttle.limitType();
        String arn = arnPrefix + table.name() + (index ? "/index/" + resource.index() : "");
        if (resource.limit().onDemand()) {
            return ApiError.throttling(throttle == ThroughputLimit.Throttle.MAX_ON_DEMAND ? MAX_ON_DEMAND_MESSAGE
                    : ON_DEMAND_MESSAGE, reason, arn);
        }
        String message = !index ? TABLE_MESSAGE : resource.read() ? INDEX_READ_MESSAGE : INDEX_WRITE_MESSAGE;
        return ApiError.provisionedThroughputExceeded(message, reason, arn);
    }

    /** The table's limits as its definition says now (built again when a capacity setting changed). */
    private TableThroughput throughput(TableDefinition table) {
        TableThroughput known = tables.get(table.name());
        if (known != null && known.definition() == table) {
            return known;
        }
        return tables.compute(table.name(), (name, current) -> {
            if (current != null && current.signature().equals(TableThroughput.signature(table))) {
                current.seen(table);
                return current;
            }
            return TableThroughput.of(table, metrics, clock.getAsLong(), shards);
        });
    }

    /**
     * What an admitted request took; {@link #settle} it with what it really consumed (the units its
     * ConsumedCapacity reports), or {@link #cancel} it when it did nothing.
     */
    public static final class Ticket {

        /** The ticket of a request that was not counted (enforcement off, or nothing to draw from). */
        public static final Ticket NONE = new Ticket(null, new TableThroughput.Resource[0], -1, 0);

        private final CapacityGuard guard;
        private final TableThroughput.Resource[] resources;
        private final int hash;
        private final double taken;

        private Ticket(CapacityGuard guard, TableThroughput.Resource[] resources, int hash, double taken) {
            this.guard = guard;
            this.resources = resources;
            this.hash = hash;
            this.taken = taken;
        }

        /** The request consumed {@code units} (of the one table or index it read, or of the table it wrote). */
        public void settle(double units) {
            settle(units, index -> 0);
        }

        /**
         * A write consumed {@code units} of its table and {@code indexUnits.applyAsDouble(name)} of each of its
         * global indexes (0 for an index the item is not in).
         */
        public void settle(double units, java.util.function.ToDoubleFunction<String> indexUnits) {
            if (resources.length == 0) {
                return;
            }
            long now = guard.clock.getAsLong();
            for (int i = 0; i < resources.length; i++) {
                TableThroughput.Resource resource = resources[i];
                boolean ownResource = i == 0;
                double consumed = ownResource ? units : indexUnits.applyAsDouble(resource.index());
                resource.limit().settle(ownResource ? hash : -1, consumed - (ownResource ? taken : 0), now);
                if (consumed > 0) {
                    resource.meters().consumed(consumed);
                }
            }
        }

        /**
         * The request failed: a condition that did not hold still consumed its units (DynamoDB charges a
         * failed conditional write or transaction); any other failure gives them back.
         */
        public void failed(Throwable failure) {
            Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            if (cause instanceof ApiError error
                    && (error.code() == io.dynamis.core.error.ErrorCode.CONDITIONAL_CHECK_FAILED
                    || error.code() == io.dynamis.core.error.ErrorCode.TRANSACTION_CANCELED)) {
                settle(taken);
            } else {
                cancel();
            }
        }

        /** {@code stage}, which {@link #failed} when it fails (as it is when nothing was counted). */
        public <T> java.util.concurrent.CompletionStage<T> onFailure(java.util.concurrent.CompletionStage<T> stage) {
            if (resources.length == 0) {
                return stage;
            }
            return stage.whenComplete((result, failure) -> {
                if (failure != null) {
                    failed(failure);
                }
            });
        }

        /** Gives back the units of every ticket admitted so far (the others are null): a later one was refused. */
        public static void cancelAll(Ticket[] tickets) {
            for (Ticket ticket : tickets) {
                if (ticket != null) {
                    ticket.cancel();
                }
            }
        }

        /** {@code stage}, which fails every ticket when it fails. */
        public static <T> java.util.concurrent.CompletionStage<T> onFailure(java.util.concurrent.CompletionStage<T> stage,
                Ticket[] tickets) {
            if (tickets.length == 0 || tickets[0].resources.length == 0) {
                return stage;
            }
            return stage.whenComplete((result, failure) -> {
                if (failure != null) {
                    for (Ticket ticket : tickets) {
                        ticket.failed(failure);
                    }
                }
            });
        }

        /** The request did nothing after all: its units go back. */
        public void cancel() {
            if (resources.length == 0) {
                return;
            }
            long now = guard.clock.getAsLong();
            if (resources[0] != null) {
                resources[0].limit().settle(hash, -taken, now); // the indexes took nothing yet
            }
        }
    }
}
