package io.dynamis.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.yammer.metrics.core.Histogram;
import com.yammer.metrics.core.MetricsRegistry;
import com.yammer.metrics.stats.UniformSample;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Field;
import java.util.Map;
import javax.management.ObjectName;
import org.apache.kafka.server.metrics.KafkaMetricsGroup;
import org.apache.kafka.server.metrics.KafkaYammerMetrics;
import org.junit.jupiter.api.Test;

/** The broker's histograms, as Kafka makes them once the launcher has installed its registry. */
class UniformRequestHistogramsTest {

    @Test
    void aHistogramKafkaAsksToBeBiasedHasAUniformSampleAndIsReportedOverJmx() throws Exception {
        UniformRequestHistograms.install();
        MetricsRegistry registry = KafkaYammerMetrics.defaultRegistry();
        UniformRequestHistograms.install(); // a second call changes nothing
        assertSame(registry, KafkaYammerMetrics.defaultRegistry());

        // as kafka.network.RequestMetrics makes its time histograms
        Histogram histogram = new KafkaMetricsGroup("kafka.network", "RequestMetrics")
                .newHistogram("TotalTimeMs", true, Map.of("request", "UniformRequestHistogramsTest"));
        for (int i = 1; i <= 100; i++) {
            histogram.update(i);
        }

        assertInstanceOf(UniformSample.class, sampleOf(histogram));
        assertEquals(100, histogram.count());
        assertEquals(50.5, histogram.getSnapshot().getMedian(), 1.0);
        assertTrue(ManagementFactory.getPlatformMBeanServer().isRegistered(new ObjectName(
                "kafka.network:type=RequestMetrics,name=TotalTimeMs,request=UniformRequestHistogramsTest")));
    }

    private static Object sampleOf(Histogram histogram) throws ReflectiveOperationException {
        Field sample = Histogram.class.getDeclaredField("sample");
        sample.setAccessible(true);
        return sample.get(histogram);
    }
}
