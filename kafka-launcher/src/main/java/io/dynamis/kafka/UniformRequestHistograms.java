package io.dynamis.kafka;

import com.yammer.metrics.core.Histogram;
import com.yammer.metrics.core.MetricName;
import com.yammer.metrics.core.MetricsRegistry;
import java.lang.reflect.Field;
import org.apache.kafka.server.metrics.FilteringJmxReporter;
import org.apache.kafka.server.metrics.KafkaYammerMetrics;

/**
 * The broker's Yammer histograms (request queue, local, remote, response and total times, request sizes: several
 * per request, each updated by every produce and fetch) with a uniform sample instead of an exponentially decaying
 * one. Kafka asks for decaying ("biased") samples, which keep 1,028 values in a concurrent skip list ordered by a
 * random priority: each update is an insertion and a removal there. Profiled under change-log load (PutItem in the
 * services topology, JFR), those updates were ~30 % of the broker's Java samples (its CPU per write did not measurably
 * change on a shared machine: docs/benchmarks.md, 2026-12-06 (23:35)). A uniform sample (Vitter's reservoir) is an
 * array slot written now and then. What is reported changes only in what the percentiles cover: the whole life of
 * the broker rather than mostly the last five minutes; counts, rates, minimum, maximum and mean are unchanged, and
 * the broker's behaviour does not depend on them.
 *
 * <p>Kafka takes every one of these histograms from {@link KafkaYammerMetrics#defaultRegistry()}; {@link #install()}
 * puts a registry there that makes uniform histograms, with a JMX reporter of its own (as Kafka does for its
 * registry), before the broker makes any.
 */
final class UniformRequestHistograms {

    private UniformRequestHistograms() {
    }

    /** A registry whose histograms all have uniform samples, whatever the caller asks for. */
    static final class UniformRegistry extends MetricsRegistry {
        @Override
        public Histogram newHistogram(MetricName metricName, boolean biased) {
            return super.newHistogram(metricName, false);
        }
    }

    /**
     * Makes Kafka's default Yammer registry a {@link UniformRegistry} whose metrics are reported over JMX (once; call
     * before the broker is made).
     */
    static synchronized void install() {
        if (KafkaYammerMetrics.defaultRegistry() instanceof UniformRegistry) {
            return;
        }
        UniformRegistry registry = new UniformRegistry();
        try {
            Field field = KafkaYammerMetrics.class.getDeclaredField("metricsRegistry");
            field.setAccessible(true);
            field.set(KafkaYammerMetrics.INSTANCE, registry);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return; // another Kafka version: its own histograms, as they were
        }
        new FilteringJmxReporter(registry, name -> true).start();
    }
}
