package io.dynamis.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

class KafkaBrokerOptionsTest {

    private static KafkaBroker.Options parse(Map<String, String> env, String... args) {
        return KafkaBroker.Options.parse(args, env);
    }

    @Test
    void flagsWithDefaults() {
        KafkaBroker.Options o = parse(Map.of(), "--data-dir", "some/dir");
        assertEquals(Path.of("some/dir").toAbsolutePath().normalize(), o.dataDir());
        assertEquals(9092, o.port());
        assertEquals(9093, o.controllerPort());
    }

    @Test
    void flagsWinOverEnvironment() {
        Map<String, String> env = Map.of("DYNAMIS_KAFKA_DATA", "/env/data", "DYNAMIS_KAFKA_PORT", "1111",
                "DYNAMIS_KAFKA_CONTROLLER_PORT", "2222");
        assertEquals(new KafkaBroker.Options(Path.of("/env/data"), 1111, 2222), parse(env));
        assertEquals(new KafkaBroker.Options(Path.of("/flag"), 3333, 2222),
                parse(env, "--data-dir=/flag", "--port", "3333"));
    }

    @Test
    void rejectsBadOptions() {
        assertThrows(IllegalArgumentException.class, () -> parse(Map.of()));
        assertThrows(IllegalArgumentException.class, () -> parse(Map.of(), "--data-dir"));
        assertThrows(IllegalArgumentException.class, () -> parse(Map.of(), "--data-dir", "/d", "--port", "0"));
        assertThrows(IllegalArgumentException.class, () -> parse(Map.of(), "--data-dir", "/d", "--port", "x"));
        assertThrows(IllegalArgumentException.class, () -> parse(Map.of(), "--data-dir", "/d", "--port", "9093"));
        assertThrows(IllegalArgumentException.class, () -> parse(Map.of(), "--data-dir", "/d", "--bogus", "1"));
        assertNull(parse(Map.of(), "--help"));
    }

    @Test
    void serverConfigIsLoopbackKraft() {
        Map<String, String> c = KafkaBroker.serverConfig(new KafkaBroker.Options(Path.of("/data"), 19092, 19093));
        assertEquals("broker,controller", c.get("process.roles"));
        assertEquals("1@127.0.0.1:19093", c.get("controller.quorum.voters"));
        assertEquals("PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093", c.get("listeners"));
        assertEquals("PLAINTEXT://127.0.0.1:19092", c.get("advertised.listeners"));
        assertEquals("/data/kraft-logs", c.get("log.dirs"));
        assertEquals("8", c.get("num.partitions"));
    }

    @Test
    void theControllerWritesANoOpMetadataRecordEveryTenSecondsNotTwiceASecond() {
        Map<String, String> c = KafkaBroker.serverConfig(new KafkaBroker.Options(Path.of("/data"), 19092, 19093));
        assertEquals("10000", c.get("metadata.max.idle.interval.ms"));
    }

    @Test
    void threadCountsComeFromTheEnvironment() {
        KafkaBroker.Options options = new KafkaBroker.Options(Path.of("/data"), 19092, 19093);
        Map<String, String> defaults = KafkaBroker.serverConfig(options);
        assertEquals("1", defaults.get("num.network.threads"));
        assertEquals("1", defaults.get("num.io.threads"));
        Map<String, String> c = KafkaBroker.serverConfig(options,
                Map.of("DYNAMIS_KAFKA_NETWORK_THREADS", "2", "DYNAMIS_KAFKA_IO_THREADS", " 4 "));
        assertEquals("2", c.get("num.network.threads"));
        assertEquals("4", c.get("num.io.threads"));
        assertThrows(IllegalArgumentException.class,
                () -> KafkaBroker.serverConfig(options, Map.of("DYNAMIS_KAFKA_IO_THREADS", "0")));
    }
}
