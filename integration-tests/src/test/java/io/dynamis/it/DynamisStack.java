package io.dynamis.it;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The real Dynamis stack for end-to-end tests, started and stopped by the project's own launcher
 * ({@code ./dynamis}) exactly as a user starts it, in either topology ({@code dynamis.it.topology}):
 * {@code one} (the default: one process playing every role, no broker) or {@code services} (the broker
 * and the five services, each its own process). It runs on ports of its own (from
 * {@code dynamis.it.port-base}; {@code auto}, the default, picks a range that is free on this host, so two
 * builds never collide) and with a data folder of its own.
 */
public final class DynamisStack {

    private static final long LAUNCHER_TIMEOUT_SECONDS = 300;
    /** The ports a stack takes, as offsets from its base. */
    private static final int[] PORT_OFFSETS = {0, 1, 111, 112, 201, 202, 203, 204, 211, 213, 221, 701, 702, 703, 2092, 2093};

    /** The two shapes Dynamis runs in. */
    public enum Topology { ONE, SERVICES }

    private final Path root;
    private final Path data;
    private final int portBase;
    private final Topology topology;
    /** An endpoint someone else runs (e.g. DynamoDB Local); null when this stack starts its own processes. */
    private final URI external;
    /** Settings of this stack's own (environment variables of the launcher), over the shared stack's. */
    private final Map<String, String> settings;

    /** The item-service shards ({@code DYNAMIS_ITEM_SHARDS}) and the gateways ({@code DYNAMIS_GATEWAYS}) it runs. */
    private final int shards;
    private final int gateways;

    private DynamisStack(Path root, Path data, int portBase, Topology topology, URI external, int shards, int gateways,
            Map<String, String> settings) {
        this.root = root;
        this.data = data;
        this.portBase = portBase;
        this.topology = topology;
        this.external = external;
        this.shards = Integer.parseInt(settings.getOrDefault("DYNAMIS_ITEM_SHARDS", Integer.toString(shards)).trim());
        this.gateways = Integer.parseInt(settings.getOrDefault("DYNAMIS_GATEWAYS", Integer.toString(gateways)).trim());
        this.settings = Map.copyOf(settings);
    }

    /**
     * A second stack, beside the shared one, for a test class that needs settings of its own (e.g. verify
     * mode, or another shard count): the same topology and shard count, one gateway (unless {@code settings}
     * say otherwise: {@code DYNAMIS_ITEM_SHARDS}, {@code DYNAMIS_GATEWAYS}), ports of its own, its data folder
     * {@code target/it-data-<name>} (emptied here), and the launcher's environment plus {@code settings}. The
     * class starts and stops it.
     */
    public static DynamisStack ownStack(String name, Map<String, String> settings) {
        DynamisStack shared = fromSystemProperties();
        Path data = shared.data.resolveSibling(shared.data.getFileName() + "-" + name);
        try {
            if (Files.exists(data)) {
                try (var paths = Files.walk(data)) {
                    paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return new DynamisStack(shared.root, data, freePortBase(), shared.topology, null, shared.shards, 1, settings);
    }

    /**
     * The stack as configured by the build (see integration-tests/pom.xml). When the system property
     * {@code dynamis.it.endpoint} is set (e.g. {@code http://127.0.0.1:8000}), the tests run against that
     * endpoint and no process is started: see {@link #isExternal()}.
     */
    public static DynamisStack fromSystemProperties() {
        Path root = Path.of(System.getProperty("dynamis.root", "..")).toAbsolutePath().normalize();
        Path data = Path.of(System.getProperty("dynamis.it.data", "target/it-data")).toAbsolutePath();
        String baseSetting = System.getProperty("dynamis.it.port-base", "auto").trim();
        int base = baseSetting.isEmpty() || baseSetting.equals("auto") ? freePortBase() : Integer.parseInt(baseSetting);
        Topology topology = Topology.valueOf(System.getProperty("dynamis.it.topology", "one").trim().toUpperCase(java.util.Locale.ROOT));
        String endpoint = System.getProperty("dynamis.it.endpoint", "").trim();
        return new DynamisStack(root, data, base, topology, endpoint.isEmpty() ? null : URI.create(endpoint),
                Integer.parseInt(System.getProperty("dynamis.it.shards", "1").trim()),
                Integer.parseInt(System.getProperty("dynamis.it.gateways", "1").trim()), Map.of());
    }

    /**
     * A port base whose every port ({@link #PORT_OFFSETS}) is free on this host now, from a random start,
     * below the kernel's range of ephemeral ports: otherwise an outgoing connection of the stack itself (or
     * of anything else) may take one of them between this check and the server's bind. Below
     * {@code dynamis.it.ports-below} too when set, to leave the ports above it to something else on the host.
     */
    private static int freePortBase() {
        java.util.Random random = new java.util.Random();
        String below = System.getProperty("dynamis.it.ports-below", "").trim();
        int ceiling = below.isEmpty() ? ephemeralPortsFrom() : Math.min(ephemeralPortsFrom(), Integer.parseInt(below));
        int bases = Math.max(1, (ceiling - 2_100 - 10_000) / 100);
        for (int attempt = 0; attempt < 200; attempt++) {
            int base = 10_000 + 100 * random.nextInt(bases); // the highest port used is base + 2093
            boolean free = true;
            for (int offset : PORT_OFFSETS) {
                try (java.net.ServerSocket socket = new java.net.ServerSocket()) {
                    socket.setReuseAddress(false);
                    socket.bind(new java.net.InetSocketAddress("127.0.0.1", base + offset));
                } catch (IOException e) {
                    free = false;
                    break;
                }
            }
            if (free) {
                return base;
            }
        }
        throw new IllegalStateException("no free range of ports for the test stack");
    }

    /** The first port of the kernel's ephemeral range (Linux: /proc/sys/net/ipv4/ip_local_port_range). */
    private static int ephemeralPortsFrom() {
        // read as a line: Files.readString trusts /proc's reported size and returns a cut value
        try (java.io.BufferedReader reader = Files.newBufferedReader(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))) {
            int from = Integer.parseInt(reader.readLine().trim().split("\\s+")[0]);
            return from >= 20_000 ? from : 32_768;
        } catch (IOException | RuntimeException e) {
            return 32_768; // Linux's default
        }
    }

    /** The topology this stack runs in. */
    public Topology topology() {
        return topology;
    }

    /**
     * The item-service shards of this stack, the launcher's {@code DYNAMIS_ITEM_SHARDS}: the shared stack's
     * {@code dynamis.it.shards} (1 by default; more than one runs the services topology), or an own stack's.
     */
    public int shards() {
        return shards;
    }

    /**
     * The HTTP client of the tests' own requests: HTTP/1.1, as the AWS SDKs speak to DynamoDB (the JDK client's
     * default h2c upgrade once left a request unanswered for good), and every request sent through it should
     * carry {@link #REQUEST_TIMEOUT}, so that a lost answer fails the test instead of hanging the suite.
     */
    public static final java.net.http.HttpClient HTTP = java.net.http.HttpClient.newBuilder()
            .version(java.net.http.HttpClient.Version.HTTP_1_1).connectTimeout(java.time.Duration.ofSeconds(5)).build();

    /** How long a test's own HTTP request may wait for its answer. */
    public static final java.time.Duration REQUEST_TIMEOUT = java.time.Duration.ofSeconds(60);

    /**
     * A request signed (SigV4, service dynamodb, us-east-1) by the AWS SDK's own signer with a key and secret,
     * ready to send through {@link #HTTP} (the headers the JDK client sets itself are left to it).
     */
    public static java.net.http.HttpRequest.Builder signedRequest(String method, URI uri, Map<String, String> headers,
            byte[] body, String key, String secret) {
        software.amazon.awssdk.http.SdkHttpFullRequest.Builder unsigned = software.amazon.awssdk.http.SdkHttpFullRequest
                .builder().method(software.amazon.awssdk.http.SdkHttpMethod.fromValue(method)).uri(uri);
        headers.forEach(unsigned::putHeader);
        software.amazon.awssdk.http.SdkHttpRequest signed = software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner
                .create().sign(r -> r.identity(software.amazon.awssdk.identity.spi.AwsCredentialsIdentity.create(key, secret))
                        .request(unsigned.build()).payload(software.amazon.awssdk.http.ContentStreamProvider.fromByteArray(body))
                        .putProperty(software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner.SERVICE_SIGNING_NAME, "dynamodb")
                        .putProperty(software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner.REGION_NAME, "us-east-1"))
                .request();
        java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(signed.getUri())
                .timeout(REQUEST_TIMEOUT).method(method, body.length == 0 ? java.net.http.HttpRequest.BodyPublishers.noBody()
                        : java.net.http.HttpRequest.BodyPublishers.ofByteArray(body));
        java.util.Set<String> restricted = java.util.Set.of("host", "content-length", "connection", "expect", "upgrade");
        signed.forEachHeader((name, values) -> {
            if (!restricted.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                values.forEach(v -> request.header(name, v));
            }
        });
        return request;
    }

    /** The HTTP port of item-service shard {@code shard} (the launcher's: item-service's port + 10 per shard). */
    public int shardPort(int shard) {
        return port("item-service") + 10 * shard;
    }

    /**
     * How many items of {@code table} item-service shard {@code shard} holds: its internal
     * DynamisTableStatistics, asked of the shard directly.
     */
    public long itemsOnShard(int shard, String table) throws IOException, InterruptedException {
        java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + shardPort(shard) + "/")).timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/x-amz-json-1.0")
                .header("X-Amz-Target", "DynamoDB_20120810.DynamisTableStatistics")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"TableName\":\"" + table + "\"}"));
        if (verifyMode()) { // internal endpoints answer only the processes' token then
            request.header(io.dynamis.core.protocol.InternalAuth.HEADER,
                    io.dynamis.core.protocol.InternalAuth.derive(VERIFY_ROOT_SECRET));
        }
        java.net.http.HttpResponse<String> response = HTTP.send(request.build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("shard " + shard + " answered " + response.statusCode() + ": " + response.body());
        }
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body()).path("Table").path("ItemCount")
                .asLong();
    }

    /**
     * The process that plays a service's role: the service itself in the services topology, the one
     * {@code dynamis} process otherwise (killing "item-service" there kills the whole process).
     */
    public String processOf(String service) {
        if (topology == Topology.SERVICES || service.equals("kafka")) {
            return service;
        }
        return "dynamis";
    }

    /** The {@code service} label of a service's metrics: its name, or {@code dynamis} in one process. */
    public String serviceLabel(String service) {
        return topology == Topology.SERVICES ? service : "dynamis";
    }

    /** True when the tests talk to an endpoint they did not start (no process to start, stop or kill). */
    public boolean isExternal() {
        return external != null;
    }

    public int gatewayPort() {
        return portBase;
    }

    /**
     * The gateways of this stack, the launcher's {@code DYNAMIS_GATEWAYS}: the shared stack's
     * {@code dynamis.it.gateways} (1 by default), an own stack's settings' (1 when not set); more than one
     * runs the services topology, each gateway on the port after the previous one's.
     */
    public int gateways() {
        return gateways;
    }

    /** The DynamoDB endpoint of gateway {@code gateway} (0 is {@link #endpoint()}). */
    public URI gatewayEndpoint(int gateway) {
        if (gateway >= gateways()) {
            throw new IllegalArgumentException("this stack runs " + gateways() + " gateway(s)");
        }
        return gateway == 0 ? endpoint() : URI.create("http://127.0.0.1:" + (portBase + gateway));
    }

    /** The accelerator endpoint (the gateway's DAX-style port). */
    public int acceleratorPort() {
        return portBase + 111;
    }

    /**
     * Port of a service by name (item-service, query-service, cache-service, backup-service, api-gateway):
     * in one process every role answers on the gateway's port.
     */
    public int port(String service) {
        if (topology == Topology.ONE) {
            return portBase;
        }
        return switch (service) {
            case "api-gateway" -> portBase;
            case "item-service" -> portBase + 201;
            case "query-service" -> portBase + 202;
            case "cache-service" -> portBase + 203;
            case "backup-service" -> portBase + 204;
            default -> throw new IllegalArgumentException(service);
        };
    }

    public URI endpoint() {
        if (external != null) {
            return external;
        }
        return URI.create("http://127.0.0.1:" + gatewayPort());
    }

    public Path dataDir() {
        return data;
    }

    /**
     * An SDK client of the gateways, as an application would configure it: with one gateway, pointed at it;
     * with several, each request goes to the next gateway in turn ({@link #acrossGateways}), so that
     * every test shows that what one gateway wrote another reads.
     */
    public DynamoDbClient client() {
        return builder(endpoint(), credentials()).overrideConfiguration(o -> o.addExecutionInterceptor(acrossGateways()))
                .build();
    }

    /** A DynamoDB Streams client of the gateways, its requests spread over them as {@link #client()}'s. */
    public software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient streamsClient() {
        return streamsClient(credentials());
    }

    /** A DynamoDB Streams client of the gateways signing with the given credentials. */
    public software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient streamsClient(
            software.amazon.awssdk.auth.credentials.AwsCredentials credentials) {
        return software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient.builder()
                .endpointOverride(endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.addExecutionInterceptor(acrossGateways()))
                .build();
    }

    /**
     * Sends each request of a client to the next of this stack's gateways in turn (the port of its URI,
     * changed before the request is signed); with one gateway, or at an external endpoint, changes nothing.
     */
    private software.amazon.awssdk.core.interceptor.ExecutionInterceptor acrossGateways() {
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        int count = external == null ? gateways : 1;
        return new software.amazon.awssdk.core.interceptor.ExecutionInterceptor() {
            @Override
            public software.amazon.awssdk.http.SdkHttpRequest modifyHttpRequest(
                    software.amazon.awssdk.core.interceptor.Context.ModifyHttpRequest context,
                    software.amazon.awssdk.core.interceptor.ExecutionAttributes attributes) {
                if (count == 1) {
                    return context.httpRequest();
                }
                URI gateway = gatewayEndpoint(Math.floorMod(next.getAndIncrement(), count));
                return context.httpRequest().toBuilder().port(gateway.getPort()).build();
            }
        };
    }

    /** An SDK client pointed at the accelerator endpoint, as a DAX user points an unchanged application. */
    public DynamoDbClient acceleratorClient() {
        if (external != null) {
            throw new IllegalStateException("no accelerator at the external endpoint " + external);
        }
        return client(URI.create("http://127.0.0.1:" + acceleratorPort()));
    }

    /** An SDK client pointed at any endpoint of this stack. */
    public DynamoDbClient client(URI endpoint) {
        return client(endpoint, credentials());
    }

    /** The root key of a shared stack run in verify mode ({@code -Ddynamis.it.auth=verify}). */
    static final String VERIFY_ROOT_KEY = "AKIAITROOT0000000001";
    static final String VERIFY_ROOT_SECRET = "it-root-secret/0123456789abcdef";

    /** Whether the shared stack runs in verify mode: every client then signs with its root key. */
    public boolean verifyMode() {
        return settings.isEmpty() && "verify".equalsIgnoreCase(System.getProperty("dynamis.it.auth", "open").trim());
    }

    /**
     * What the tests' SDK clients sign with: any key in open mode (the default), the root key when the
     * shared stack runs in verify mode, so that the suite shows a correctly signed request is never refused.
     */
    public software.amazon.awssdk.auth.credentials.AwsCredentials credentials() {
        return verifyMode() ? AwsBasicCredentials.create(VERIFY_ROOT_KEY, VERIFY_ROOT_SECRET)
                : AwsBasicCredentials.create("dynamis", "dynamis");
    }

    /** An SDK client pointed at an endpoint of this stack, signing with the given credentials. */
    public DynamoDbClient client(URI endpoint, software.amazon.awssdk.auth.credentials.AwsCredentials credentials) {
        return builder(endpoint, credentials).build();
    }

    private static software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder builder(URI endpoint,
            software.amazon.awssdk.auth.credentials.AwsCredentials credentials) {
        return DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .httpClient(UrlConnectionHttpClient.create());
    }

    /** The broker's address, for the tests' own change-log consumers. */
    public String kafkaBootstrap() {
        return "127.0.0.1:" + (portBase + 2092);
    }

    /** Port of the second cache-service member that {@link #startCacheMember()} starts (the gateway fails over to it). */
    public int secondCachePort() {
        return portBase + 213;
    }

    /** The first Hazelcast port of the cache-service members; each member takes the next free one. */
    public int hazelcastPort() {
        return portBase + 701;
    }

    /**
     * Starts a second cache-service member (the same jar, another HTTP port, the same Hazelcast cluster),
     * as an operator scales the accelerator out; the caller stops it ({@link Process#destroy()}).
     */
    public Process startCacheMember() {
        try {
            Files.createDirectories(data.resolve("logs"));
            ProcessBuilder builder = new ProcessBuilder("java", "-Xms32m", "-Xmx256m",
                    "-Djava.util.concurrent.ForkJoinPool.common.parallelism=4",
                    "-Dquarkus.http.port=" + secondCachePort(),
                    "-Dkafka.bootstrap.servers=" + kafkaBootstrap(),
                    "-Ddynamis.cache.item-service-url=http://127.0.0.1:" + port("item-service"),
                    "-Ddynamis.cache.query-service-url=http://127.0.0.1:" + port("query-service"),
                    "-Ddynamis.cache.cluster.port=" + hazelcastPort(),
                    "-jar", root.resolve("cache-service/target/quarkus-app/quarkus-run.jar").toString())
                    .redirectErrorStream(true)
                    .redirectOutput(data.resolve("logs/cache-service-2.log").toFile());
            return builder.start();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Starts every process not running (all of them, or those stopped or killed). */
    public void start() {
        launcher("start");
    }

    /** Stops all processes, or only those playing the roles named (e.g. {@code "kafka"}, {@code "cache-service"}). */
    public void stop(String... processes) {
        String[] command = new String[processes.length + 1];
        command[0] = "stop";
        for (int i = 0; i < processes.length; i++) {
            command[i + 1] = processOf(processes[i]);
        }
        launcher(command);
    }

    /** kill -9 of the process playing a role, as a crash. */
    public void kill(String process) {
        launcher("kill", processOf(process));
    }

    /** The value of a Prometheus metric (the first series of that name) a service exports now. */
    public double metric(String service, String name) {
        if (external != null) {
            throw new IllegalStateException("no service metrics at the external endpoint " + external);
        }
        try {
            var request = java.net.http.HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port(service) + "/q/metrics")).timeout(REQUEST_TIMEOUT).build();
            String body = HTTP
                    .send(request, java.net.http.HttpResponse.BodyHandlers.ofString()).body();
            for (String line : body.split("\n")) {
                if (line.startsWith(name + "{") || line.startsWith(name + " ")) {
                    return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
            throw new IllegalStateException(service + " exports no metric " + name);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** What {@code ./dynamis status} prints. */
    public String status() {
        return launcher("status");
    }

    private String launcher(String... arguments) {
        if (external != null) {
            throw new IllegalStateException("./dynamis " + String.join(" ", arguments)
                    + ": the tests run against the external endpoint " + external + " (dynamis.it.endpoint)");
        }
        String command = String.join(" ", arguments);
        try {
            Files.createDirectories(data);
            Path log = data.resolve("launcher-" + arguments[0] + ".out");
            java.util.List<String> line = new java.util.ArrayList<>();
            line.add(root.resolve("dynamis").toString());
            line.addAll(java.util.List.of(arguments));
            ProcessBuilder builder = new ProcessBuilder(line)
                    .directory(root.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().putAll(environment());
            Process process = builder.start();
            if (!process.waitFor(LAUNCHER_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("./dynamis " + command + " did not finish in "
                        + LAUNCHER_TIMEOUT_SECONDS + "s");
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            System.out.print(output);
            if (process.exitValue() != 0) {
                throw new IllegalStateException("./dynamis " + command + " failed (exit " + process.exitValue()
                        + "):\n" + output);
            }
            return output;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("DYNAMIS_DATA", data.toString());
        env.put("DYNAMIS_TOPOLOGY", topology == Topology.ONE ? "one" : "services");
        env.put("DYNAMIS_PORT", Integer.toString(portBase));
        env.put("DYNAMIS_ITEM_PORT", Integer.toString(port("item-service")));
        env.put("DYNAMIS_QUERY_PORT", Integer.toString(port("query-service")));
        env.put("DYNAMIS_CACHE_PORT", Integer.toString(port("cache-service")));
        env.put("DYNAMIS_ACCELERATOR_PORT", Integer.toString(acceleratorPort()));
        env.put("DYNAMIS_HAZELCAST_PORT", Integer.toString(hazelcastPort()));
        env.put("DYNAMIS_CACHE_EXTRA_URLS", "http://127.0.0.1:" + secondCachePort());
        // AcceleratorIT's tables with settings of their own: a short time to live, a small memory bound
        env.put("DYNAMIS_CACHE_JAVA_OPTS", "-Ddynamis.cache.tables.cache-ttl-it.item-ttl=2S"
                + " -Ddynamis.cache.tables.cache-ttl-it.query-ttl=2S"
                + " -Ddynamis.cache.tables.cache-lru-it.item-max-mb=1");
        env.put("DYNAMIS_BACKUP_PORT", Integer.toString(port("backup-service")));
        env.put("DYNAMIS_KAFKA_PORT", Integer.toString(portBase + 2092));
        env.put("DYNAMIS_KAFKA_CONTROLLER_PORT", Integer.toString(portBase + 2093));
        env.put("DYNAMIS_SKIP_BUILD", "1");
        env.put("DYNAMIS_ITEM_SHARDS", Integer.toString(shards));
        env.put("DYNAMIS_GATEWAYS", Integer.toString(gateways));
        env.put("DYNAMIS_ITEM_TTL_SWEEP_INTERVAL", "PT1S"); // TimeToLiveIT waits for expiry
        env.put("DYNAMIS_QUERY_GSI_CLEANUP_INTERVAL", "PT2S"); // GsiCleanupIT waits for the purge
        env.put("DYNAMIS_BACKUP_SNAPSHOT_INTERVAL", "PT3S"); // PointInTimeRecoveryIT restores across snapshots
        env.put("DYNAMIS_JAVA_OPTS", topology == Topology.ONE ? "-Xms64m -Xmx768m" : "-Xms32m -Xmx256m");
        env.put("DYNAMIS_KAFKA_JAVA_OPTS", "-Xms32m -Xmx384m");
        if (verifyMode()) {
            env.put("DYNAMIS_AUTH", "verify");
            env.put("DYNAMIS_ROOT_ACCESS_KEY_ID", VERIFY_ROOT_KEY);
            env.put("DYNAMIS_ROOT_SECRET_ACCESS_KEY", VERIFY_ROOT_SECRET);
            env.put("DYNAMIS_GATEWAY_ADMIN_PASSWORD", "it-admin-password");
        }
        env.putAll(settings);
        return env;
    }
}
