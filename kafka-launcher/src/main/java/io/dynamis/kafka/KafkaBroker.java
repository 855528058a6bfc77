package io.dynamis.kafka;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.AppInfoParser;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the local Kafka broker that the Dynamis services share.
 *
 * <p>Dynamis needs an event log but must stay self-hostable from Maven Central alone, so instead of
 * asking for a Kafka installation it starts Apache Kafka's own server classes in this JVM. The node
 * is a single combined broker and controller in KRaft mode (node id 1, no ZooKeeper), bound to
 * {@code 127.0.0.1} only: a {@code PLAINTEXT} listener for clients on {@code --port} and a
 * {@code CONTROLLER} listener for the Raft quorum on {@code --controller-port}. Every internal
 * topic is single-replica, topics are created automatically with 8 partitions, and consumer
 * groups rebalance without the usual initial delay.
 *
 * <p>On every start the launcher writes {@code server.properties} into the data directory (so the
 * ports may change between runs) and keeps the partition and metadata logs under
 * {@code DATA_DIR/kraft-logs}. The first start formats that storage with a fresh cluster id, the
 * way {@code kafka-storage.sh format} would; later starts find {@code meta.properties} there and
 * reuse the cluster and its data.
 *
 * <p>Once the broker answers an admin {@code describeCluster} request that lists it, the launcher
 * prints exactly one line to standard output, {@code Kafka broker ready on 127.0.0.1:PORT}; all
 * logging goes to standard error (Kafka at WARN, the launcher at INFO). SIGTERM or SIGINT shuts the
 * broker down cleanly, flushing its logs, and the process exits with status 0. If the broker fails
 * to start, does not become ready within two minutes or stops on its own, the exit status is 1; bad
 * arguments give 2.
 *
 * <pre>
 * java -Xmx512m -jar kafka-launcher/target/dynamis-kafka-launcher.jar \
 *     --data-dir DIR [--port 9092] [--controller-port 9093]
 * </pre>
 *
 * <p>Options fall back to the environment variables {@code DYNAMIS_KAFKA_DATA},
 * {@code DYNAMIS_KAFKA_PORT} and {@code DYNAMIS_KAFKA_CONTROLLER_PORT}. The broker is tuned for a
 * small machine (few network and I/O threads, a 32 MiB log-cleaner buffer), and callers should cap
 * its heap, e.g. with {@code -Xmx512m}, which is ample for local use; without a cap the JVM may
 * size its heap from the machine's memory.
 */
public final class KafkaBroker {

    /** The only address the broker binds to and advertises. */
    public static final String HOST = "127.0.0.1";
    /** Prefix of the one line printed on stdout once the broker accepts connections. */
    public static final String READY_PREFIX = "Kafka broker ready on ";

    static final int NODE_ID = 1;
    static final int DEFAULT_PORT = 9092;
    static final int DEFAULT_CONTROLLER_PORT = 9093;
    static final String ENV_DATA = "DYNAMIS_KAFKA_DATA";
    static final String ENV_PORT = "DYNAMIS_KAFKA_PORT";
    static final String ENV_CONTROLLER_PORT = "DYNAMIS_KAFKA_CONTROLLER_PORT";
    /** The broker's network threads ({@code num.network.threads}), default {@value #DEFAULT_NETWORK_THREADS}. */
    static final String ENV_NETWORK_THREADS = "DYNAMIS_KAFKA_NETWORK_THREADS";
    /** The broker's request handler threads ({@code num.io.threads}), default {@value #DEFAULT_IO_THREADS}. */
    static final String ENV_IO_THREADS = "DYNAMIS_KAFKA_IO_THREADS";
    /**
     * One network thread and one request handler: the broker serves one relay and three consumers of one partition,
     * and every request handed between more threads cost it more wake-ups, not more parallelism
     * (docs/benchmarks.md, 2026-12-07 (08:47): ~15-20 % less of the broker's request CPU per write than 2 and 4).
     */
    static final int DEFAULT_NETWORK_THREADS = 1;
    static final int DEFAULT_IO_THREADS = 1;
    /** How often the controller writes a no-op metadata record when nothing else changes ({@code metadata.max.idle.interval.ms}). */
    static final int METADATA_IDLE_MILLIS = 10_000;
    static final String LOG_DIR_NAME = "kraft-logs";
    static final String LOG4J_CONFIG = "kafka-launcher-log4j2.xml";
    static final Duration READY_TIMEOUT = Duration.ofMinutes(2);

    static final String USAGE = String.join(System.lineSeparator(),
            "Usage: java -Xmx512m -jar dynamis-kafka-launcher.jar --data-dir DIR [--port N] [--controller-port N]",
            "  --data-dir DIR         where Kafka keeps its data (env " + ENV_DATA + ", required)",
            "  --port N               client (PLAINTEXT) port on " + HOST + " (env " + ENV_PORT
                    + ", default " + DEFAULT_PORT + ")",
            "  --controller-port N    KRaft controller port on " + HOST + " (env " + ENV_CONTROLLER_PORT
                    + ", default " + DEFAULT_CONTROLLER_PORT + ")");

    private final Options options;
    private final AtomicBoolean stopRequested = new AtomicBoolean();
    private final AtomicBoolean stopped = new AtomicBoolean();
    private Logger log;
    private volatile KafkaRaftServer server;

    KafkaBroker(Options options) {
        this.options = options;
    }

    /**
     * Starts the broker and blocks until it is stopped; see the class documentation.
     *
     * @param args command-line options
     */
    public static void main(String[] args) {
        // Must happen before anything touches SLF4J or Log4j.
        if (System.getProperty("log4j2.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", LOG4J_CONFIG);
        }
        Options options;
        try {
            options = Options.parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("kafka-launcher: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        if (options == null) {
            System.out.println(USAGE);
            return;
        }
        System.exit(new KafkaBroker(options).run());
    }

    /** Runs the broker until it stops; returns the process exit status. */
    int run() {
        log = LoggerFactory.getLogger(KafkaBroker.class);
        Runtime.getRuntime().addShutdownHook(new Thread(this::shutdown, "dynamis-kafka-shutdown"));
        exitOnSignal("TERM");
        exitOnSignal("INT");
        UniformRequestHistograms.install();
        try {
            Path serverProperties = prepareStorage();
            KafkaConfig config = KafkaConfig.fromProps(Utils.loadProps(serverProperties.toString()), false);
            server = new KafkaRaftServer(config, Time.SYSTEM);
            if (stopRequested.get()) {
                return 0;
            }
            server.startup();
            awaitReady();
        } catch (Throwable e) {
            if (stopRequested.get()) {
                return 0; // interrupted by SIGTERM while starting
            }
            log.error("Kafka broker on {}:{} failed to start: {}", HOST, options.port(), e.toString(), e);
            return 1;
        }
        System.out.println(READY_PREFIX + HOST + ":" + options.port());
        System.out.flush();
        server.awaitShutdown();
        if (stopRequested.get()) {
            return 0;
        }
        log.error("Kafka broker on {}:{} stopped on its own", HOST, options.port());
        return 1;
    }

    /**
     * Creates the data directory, writes {@code server.properties} and formats the log directory
     * unless an earlier start did; returns the path of {@code server.properties}.
     */
    Path prepareStorage() throws Exception {
        Path dataDir = options.dataDir();
        Path logDir = dataDir.resolve(LOG_DIR_NAME);
        Files.createDirectories(logDir);
        Path serverProperties = dataDir.resolve("server.properties");
        writeProperties(serverProperties, serverConfig(options, System.getenv()));

        Path metaProperties = logDir.resolve("meta.properties");
        String clusterId;
        String how;
        if (Files.exists(metaProperties)) {
            clusterId = readProperty(metaProperties, "cluster.id");
            how = "existing cluster";
        } else {
            clusterId = Uuid.randomUuid().toString();
            format(serverProperties, clusterId);
            how = "newly formatted cluster";
        }
        log.info("Starting Kafka {} (KRaft broker+controller, node {}) on {}:{}, controller {}:{}, "
                        + "data in {}, {} {}",
                AppInfoParser.getVersion(), NODE_ID, HOST, options.port(), HOST, options.controllerPort(),
                dataDir, how, clusterId);
        return serverProperties;
    }

    /** The broker configuration for the given options, in file order, with the default thread counts. */
    static Map<String, String> serverConfig(Options options) {
        return serverConfig(options, Map.of());
    }

    /** The broker configuration for the given options and the thread counts of {@code env}, in file order. */
    static Map<String, String> serverConfig(Options options, Map<String, String> env) {
        String plaintext = "PLAINTEXT://" + HOST + ":" + options.port();
        String controller = "CONTROLLER://" + HOST + ":" + options.controllerPort();
        Map<String, String> c = new LinkedHashMap<>();
        // One node that is both the KRaft controller and the broker, with a static single-voter quorum
        // (so the controller port may change between restarts).
        c.put("process.roles", "broker,controller");
        c.put("node.id", String.valueOf(NODE_ID));
        c.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + options.controllerPort());
        c.put("listeners", plaintext + "," + controller);
        c.put("advertised.listeners", plaintext);
        c.put("inter.broker.listener.name", "PLAINTEXT");
        c.put("controller.listener.names", "CONTROLLER");
        c.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        c.put("log.dirs", options.dataDir().resolve(LOG_DIR_NAME).toString());
        // Topics: created on first use, one replica, 8 partitions.
        c.put("auto.create.topics.enable", "true");
        c.put("num.partitions", "8");
        c.put("default.replication.factor", "1");
        c.put("min.insync.replicas", "1");
        // Internal topics must fit on a single broker.
        c.put("offsets.topic.replication.factor", "1");
        c.put("offsets.topic.num.partitions", "8");
        c.put("transaction.state.log.replication.factor", "1");
        c.put("transaction.state.log.min.isr", "1");
        c.put("transaction.state.log.num.partitions", "8");
        c.put("share.coordinator.state.topic.replication.factor", "1");
        c.put("share.coordinator.state.topic.min.isr", "1");
        c.put("group.initial.rebalance.delay.ms", "0");
        // Modest log segments and retention.
        c.put("log.segment.bytes", String.valueOf(64 * 1024 * 1024));
        c.put("log.retention.hours", "168");
        c.put("log.retention.check.interval.ms", "300000");
        // A small footprint for a 2-core machine and a capped heap.
        c.put("num.network.threads", String.valueOf(threads(env, ENV_NETWORK_THREADS, DEFAULT_NETWORK_THREADS)));
        c.put("num.io.threads", String.valueOf(threads(env, ENV_IO_THREADS, DEFAULT_IO_THREADS)));
        c.put("num.recovery.threads.per.data.dir", "1");
        c.put("log.cleaner.threads", "1");
        c.put("log.cleaner.dedupe.buffer.size", String.valueOf(32 * 1024 * 1024));
        // The controller appends a no-op record to the metadata log this often (500 ms by default), so that brokers
        // notice a controller that is gone; this node is its own only broker. Each is an append, an fsync and a
        // replay by the broker: an idle broker's steady work (docs/benchmarks.md, 2026-12-07 (08:47)).
        c.put("metadata.max.idle.interval.ms", String.valueOf(METADATA_IDLE_MILLIS));
        return c;
    }

    /** A thread count from the environment (1 to 64), else the default. */
    static int threads(Map<String, String> env, String variable, int defaultCount) {
        String value = env.get(variable);
        return wholeNumber(value == null || value.isBlank() ? null : value, defaultCount, 1, 64, variable, "a thread count");
    }

    /**
     * The whole number from {@code min} to {@code max} written in {@code value}, or {@code defaultValue} when it is
     * null; anything else is an IllegalArgumentException naming the setting ({@code name} must be {@code what} ...).
     */
    static int wholeNumber(String value, int defaultValue, int min, int max, String name, String what) {
        if (value == null) {
            return defaultValue;
        }
        try {
            int number = Integer.parseInt(value.trim());
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + " must be " + what + " from " + min + " to " + max + ", not " + value);
    }

    /** Formats the storage directories the way {@code kafka-storage.sh format} does. */
    private static void format(Path serverProperties, String clusterId) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int status;
        try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            status = StorageTool.execute(new String[] {
                "format", "--config", serverProperties.toString(), "--cluster-id", clusterId, "--ignore-formatted"
            }, out);
        } catch (RuntimeException e) {
            throw new IllegalStateException("formatting the Kafka storage failed: " + e.getMessage()
                    + " " + output.toString(StandardCharsets.UTF_8).trim(), e);
        }
        if (status != 0) {
            throw new IllegalStateException("formatting the Kafka storage failed (status " + status + "): "
                    + output.toString(StandardCharsets.UTF_8).trim());
        }
    }

    /** Waits until the broker lists itself in an admin {@code describeCluster} answer. */
    private void awaitReady() throws InterruptedException {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, HOST + ":" + options.port());
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "dynamis-kafka-launcher-readiness");
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000");
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        Admin admin = Admin.create(props);
        try {
            Exception last = null;
            while (!stopRequested.get()) {
                try {
                    Collection<Node> nodes = admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
                    if (nodes.stream().anyMatch(node -> node.id() == NODE_ID)) {
                        return;
                    }
                } catch (ExecutionException | TimeoutException e) {
                    last = e;
                }
                if (System.nanoTime() - deadline > 0) {
                    throw new IllegalStateException("broker not ready after " + READY_TIMEOUT.toSeconds() + " s",
                            last);
                }
                Thread.sleep(100);
            }
        } finally {
            admin.close(Duration.ofSeconds(5));
        }
    }

    /** The shutdown hook: stops the broker, once, flushing its logs. */
    private void shutdown() {
        stopRequested.set(true);
        KafkaRaftServer s = server;
        if (s == null || !stopped.compareAndSet(false, true)) {
            return;
        }
        log.info("Stopping Kafka broker on {}:{}", HOST, options.port());
        try {
            s.shutdown();
            s.awaitShutdown();
            log.info("Kafka broker on {}:{} stopped", HOST, options.port());
        } catch (Throwable e) {
            log.error("Kafka broker on {}:{} did not shut down cleanly", HOST, options.port(), e);
        }
    }

    /**
     * Makes the signal end the JVM with status 0 (running the shutdown hooks) instead of the
     * default 128 + signal number.
     */
    @SuppressWarnings("restriction")
    private void exitOnSignal(String name) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> {
                stopRequested.set(true);
                // From a new thread: System.exit blocks until the shutdown hooks are done.
                new Thread(() -> System.exit(0), "dynamis-kafka-signal-" + name).start();
            });
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            log.warn("Cannot handle SIG{}: {}", name, e.toString());
        }
    }

    private static void writeProperties(Path file, Map<String, String> config) throws IOException {
        StringBuilder text = new StringBuilder()
                .append("# Written by the Dynamis Kafka launcher (io.dynamis.kafka.KafkaBroker) on every start;\n")
                .append("# edits are overwritten.\n");
        config.forEach((key, value) -> text.append(key).append('=').append(value.replace("\\", "\\\\")).append('\n'));
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static String readProperty(Path file, String key) {
        Properties props = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            props.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return props.getProperty(key, "(unknown)");
    }

    /**
     * The launcher's options.
     *
     * @param dataDir absolute data directory
     * @param port client (PLAINTEXT) port
     * @param controllerPort KRaft controller port
     */
    record Options(Path dataDir, int port, int controllerPort) {

        /**
         * Parses {@code --flag value} or {@code --flag=value} arguments, falling back to the
         * environment; returns {@code null} if help was asked for.
         *
         * @throws IllegalArgumentException if the options are missing or invalid
         */
        static Options parse(String[] args, Map<String, String> env) {
            String dataDir = null;
            String port = null;
            String controllerPort = null;
            List<String> rest = new ArrayList<>(List.of(args));
            while (!rest.isEmpty()) {
                String arg = rest.remove(0);
                if (arg.equals("--help") || arg.equals("-h")) {
                    return null;
                }
                String name = arg;
                String value = null;
                int eq = arg.indexOf('=');
                if (arg.startsWith("--") && eq > 0) {
                    name = arg.substring(0, eq);
                    value = arg.substring(eq + 1);
                }
                if (!name.equals("--data-dir") && !name.equals("--port") && !name.equals("--controller-port")) {
                    throw new IllegalArgumentException("unknown argument: " + arg);
                }
                if (value == null) {
                    if (rest.isEmpty()) {
                        throw new IllegalArgumentException(name + " needs a value");
                    }
                    value = rest.remove(0);
                }
                switch (name) {
                    case "--data-dir" -> dataDir = value;
                    case "--port" -> port = value;
                    default -> controllerPort = value;
                }
            }
            dataDir = orEnv(dataDir, env, ENV_DATA);
            if (dataDir == null) {
                throw new IllegalArgumentException("--data-dir (or " + ENV_DATA + ") is required");
            }
            if (dataDir.contains(",")) {
                throw new IllegalArgumentException("the data directory must not contain a comma: " + dataDir);
            }
            int p = port(orEnv(port, env, ENV_PORT), DEFAULT_PORT, "--port");
            int cp = port(orEnv(controllerPort, env, ENV_CONTROLLER_PORT), DEFAULT_CONTROLLER_PORT,
                    "--controller-port");
            if (p == cp) {
                throw new IllegalArgumentException("--port and --controller-port must differ (both " + p + ")");
            }
            return new Options(Path.of(dataDir).toAbsolutePath().normalize(), p, cp);
        }

        private static String orEnv(String value, Map<String, String> env, String variable) {
            if (value != null) {
                return value;
            }
            String fromEnv = env.get(variable);
            return fromEnv == null || fromEnv.isBlank() ? null : fromEnv.trim();
        }

        private static int port(String value, int defaultPort, String flag) {
            return wholeNumber(value, defaultPort, 1, 65535, flag, "a port number");
        }
    }
}
