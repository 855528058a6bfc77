package io.dynamis.core.capacity;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Prometheus meters of capacity, per table and global index, labelled with DynamoDB's CloudWatch
 * metric names ({@code metric}): {@code dynamis_capacity_consumed_total} (ConsumedReadCapacityUnits,
 * ConsumedWriteCapacityUnits), {@code dynamis_capacity_provisioned} (ProvisionedReadCapacityUnits,
 * ProvisionedWriteCapacityUnits; the OnDemandThroughput maximum of an on-demand table, 0 when none) and
 * {@code dynamis_capacity_throttled_total} (ThrottledRequests, ReadThrottleEvents, WriteThrottleEvents,
 * with the operation). Tags: {@code table}, {@code index} (empty for the table itself). The only class
 * that knows the meter library.
 */
public final class CapacityMetrics {

    private final MeterRegistry registry;
    private final ConcurrentHashMap<String, AtomicLong> provisioned = new ConcurrentHashMap<>();

    public CapacityMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** The meters of one table or index in one direction, with its provisioned units as they are now. */
    Meters meters(String table, String index, boolean read, double provisionedUnits) {
        String idx = index == null ? "" : index;
        String provisionedName = read ? "ProvisionedReadCapacityUnits" : "ProvisionedWriteCapacityUnits";
        AtomicLong units = provisioned.computeIfAbsent(table + "\u0000" + idx + "\u0000" + read, key -> {
            AtomicLong holder = new AtomicLong();
            Gauge.builder("dynamis.capacity.provisioned", holder, AtomicLong::get)
                    .description("Provisioned capacity units (on demand: the OnDemandThroughput maximum, 0 when none)")
                    .tags("table", table, "index", idx, "metric", provisionedName).register(registry);
            return holder;
        });
        units.set(Math.round(provisionedUnits));
        Counter consumed = Counter.builder("dynamis.capacity.consumed")
                .description("Capacity units consumed, as DynamoDB counts them")
                .tags("table", table, "index", idx, "metric", read ? "ConsumedReadCapacityUnits"
                        : "ConsumedWriteCapacityUnits")
                .register(registry);
        return new Meters(this, table, idx, read, consumed);
    }

    /** One table's or index's meters in one direction. */
    static final class Meters {
        private final CapacityMetrics metrics;
        private final String table;
        private final String index;
        private final boolean read;
        private final Counter consumed;
        private final ConcurrentHashMap<String, Counter[]> throttled = new ConcurrentHashMap<>();

        private Meters(CapacityMetrics metrics, String table, String index, boolean read, Counter consumed) {
            this.metrics = metrics;
            this.table = table;
            this.index = index;
            this.read = read;
            this.consumed = consumed;
        }

        void consumed(double units) {
            consumed.increment(units);
        }

        /** One read or write of this table or index refused for its capacity (ReadThrottleEvents / WriteThrottleEvents). */
        void throttleEvent(String operation) {
            throttled.computeIfAbsent(operation, this::throttleCounters)[1].increment();
        }

        /**
         * One request refused for capacity, counted once on its table (or, for a read of a global index, the
         * index) however many of its events were throttled (ThrottledRequests).
         */
        void throttledRequest(String operation) {
            throttled.computeIfAbsent(operation, this::throttleCounters)[0].increment();
        }

        private Counter[] throttleCounters(String operation) {
            return new Counter[] {counter("ThrottledRequests", operation),
                    counter(read ? "ReadThrottleEvents" : "WriteThrottleEvents", operation)};
        }

        private Counter counter(String metric, String operation) {
            return Counter.builder("dynamis.capacity.throttled").description("Requests refused for capacity")
                    .tags("table", table, "index", index, "metric", metric, "operation", operation)
                    .register(metrics.registry);
        }
    }
}
