package io.dynamis.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts the launcher as a real child process, writes and reads records, stops it with SIGTERM and
 * checks that a second start on the same data directory still has the records.
 */
class KafkaBrokerTest {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(30);
    private static final String TOPIC = "launcher-test";

    @TempDir
    Path dataDir;

    @TempDir
    Path logDir;

    private BrokerProcess broker;

    @AfterEach
    void destroyBroker() throws InterruptedException {
        if (broker != null) {
            broker.kill();
        }
    }

    @Test
    @Timeout(value = 170, unit = TimeUnit.SECONDS)
    void producesConsumesAndKeepsRecordsAcrossRestarts() throws Exception {
        int port = freePort();
        int controllerPort = freePort();
        while (controllerPort == port) {
            controllerPort = freePort();
        }
        Map<String, String> expected = new TreeMap<>();
        for (int i = 0; i < 5; i++) {
            expected.put("key-" + i, "value-" + i);
        }

        broker = BrokerProcess.start(dataDir, port, controllerPort, logDir.resolve("first.stderr"));
        broker.awaitReady();
        produce(port, expected);
        assertEquals(expected, consume(port, "group-first-run", expected.size()));
        broker.stopAndExpectCleanExit();
        assertTrue(Files.exists(dataDir.resolve("kraft-logs").resolve("meta.properties")));
        String clusterId = Files.readString(dataDir.resolve("kraft-logs").resolve("meta.properties"));

        broker = BrokerProcess.start(dataDir, port, controllerPort, logDir.resolve("second.stderr"));
        broker.awaitReady();
        assertEquals(expected, consume(port, "group-second-run", expected.size()));
        assertEquals(clusterId, Files.readString(dataDir.resolve("kraft-logs").resolve("meta.properties")),
                "the second start must reuse the formatted storage");
        broker.stopAndExpectCleanExit();
    }

    private static void produce(int port, Map<String, String> records) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.HOST + ":" + port);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) CLIENT_TIMEOUT.toMillis());
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) CLIENT_TIMEOUT.toMillis());
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            for (Map.Entry<String, String> e : records.entrySet()) {
                producer.send(new ProducerRecord<>(TOPIC, e.getKey(), e.getValue()))
                        .get(CLIENT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
            producer.flush();
        }
    }

    private static Map<String, String> consume(int port, String groupId, int count) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.HOST + ":" + port);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        props.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        Map<String, String> received = new TreeMap<>();
        long deadline = System.nanoTime() + CLIENT_TIMEOUT.toNanos();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(TOPIC));
            while (received.size() < count && System.nanoTime() - deadline < 0) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    received.put(r.key(), r.value());
                }
            }
            consumer.commitSync(Duration.ofSeconds(10));
        }
        return received;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(KafkaBroker.HOST))) {
            return socket.getLocalPort();
        }
    }

    /** The launcher running in a child JVM, with its stdout lines collected and stderr in a file. */
    private static final class BrokerProcess {
        private final Process process;
        private final int port;
        private final Path stderr;
        private final List<String> stdoutLines = new CopyOnWriteArrayList<>();
        private final Thread stdoutReader;

        private BrokerProcess(Process process, int port, Path stderr) {
            this.process = process;
            this.port = port;
            this.stderr = stderr;
            this.stdoutReader = new Thread(this::readStdout, "kafka-launcher-stdout");
            this.stdoutReader.setDaemon(true);
            this.stdoutReader.start();
        }

        static BrokerProcess start(Path dataDir, int port, int controllerPort, Path stderr) throws IOException {
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            ProcessBuilder pb = new ProcessBuilder(java.toString(), "-Xmx512m",
                    "-cp", System.getProperty("java.class.path"),
                    KafkaBroker.class.getName(),
                    "--data-dir", dataDir.toString(),
                    "--port", String.valueOf(port),
                    "--controller-port", String.valueOf(controllerPort));
            pb.environment().remove(KafkaBroker.ENV_DATA);
            pb.environment().remove(KafkaBroker.ENV_PORT);
            pb.environment().remove(KafkaBroker.ENV_CONTROLLER_PORT);
            pb.redirectError(ProcessBuilder.Redirect.to(stderr.toFile()));
            pb.redirectInput(ProcessBuilder.Redirect.PIPE);
            return new BrokerProcess(pb.start(), port, stderr);
        }

        private void readStdout() {
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    stdoutLines.add(line);
                }
            } catch (IOException e) {
                // the process went away
            }
        }

        void awaitReady() throws InterruptedException {
            String expected = KafkaBroker.READY_PREFIX + KafkaBroker.HOST + ":" + port;
            long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
            while (stdoutLines.isEmpty()) {
                if (!process.isAlive()) {
                    stdoutReader.join(1000);
                    if (!stdoutLines.isEmpty()) {
                        break;
                    }
                    fail("launcher exited with " + process.exitValue() + " before it was ready; stderr:\n" + stderr());
                }
                if (System.nanoTime() - deadline > 0) {
                    fail("launcher not ready within " + READY_TIMEOUT.toSeconds() + " s; stderr:\n" + stderr());
                }
                Thread.sleep(50);
            }
            assertEquals(expected, stdoutLines.get(0), () -> "unexpected first stdout line; stderr:\n" + stderr());
        }

        void stopAndExpectCleanExit() throws InterruptedException {
            process.destroy(); // SIGTERM
            boolean exited = process.waitFor(EXIT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            assertTrue(exited, () -> "launcher still running " + EXIT_TIMEOUT.toSeconds() + " s after SIGTERM");
            assertEquals(0, process.exitValue(), () -> "exit status after SIGTERM; stderr:\n" + stderr());
            stdoutReader.join(5000);
            assertEquals(List.of(KafkaBroker.READY_PREFIX + KafkaBroker.HOST + ":" + port), stdoutLines,
                    "stdout must hold exactly the ready line");
        }

        void kill() throws InterruptedException {
            if (process.isAlive()) {
                process.destroy();
                if (!process.waitFor(EXIT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
        }

        private String stderr() {
            try {
                return Files.exists(stderr) ? Files.readString(stderr) : "";
            } catch (IOException e) {
                return "(stderr unreadable: " + e + ")";
            }
        }
    }
}
