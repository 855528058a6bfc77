package io.dynamis.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Renders the Kustomize base and each overlay with {@code kubectl kustomize}, reads every object into
 * the Kubernetes API's typed model strictly ({@link Manifests}) and checks the rules of the issue for
 * every workload ({@link Rules}). kubectl is required under CI ({@code CI=true}); elsewhere, without
 * kubectl, the overlays are skipped with a message and only the base files are checked, read as they are.
 */
class KubernetesManifestsTest {

    /** Who may open a connection to which port of whom (sources: workloads, "outside", "prometheus"). */
    static final Set<String> SERVICES = Set.of("api-gateway", "item-service", "query-service", "cache-service", "backup-service");
    static final Map<String, Map<Integer, Set<String>>> DATA_FLOW = Map.of(
            "api-gateway", Map.of(
                    8000, everyone(),
                    8111, everyone()),
            // item-service from item-service: shard to shard (catalog copies, two-phase commits)
            "item-service", Map.of(8201, Set.of("api-gateway", "query-service", "cache-service", "backup-service", "item-service",
                    "prometheus")),
            "query-service", Map.of(8202, Set.of("api-gateway", "cache-service", "item-service", "prometheus")),
            "cache-service", Map.of(
                    8203, Set.of("api-gateway", "prometheus"),
                    5701, Set.of("cache-service", "api-gateway")),
            "backup-service", Map.of(8204, Set.of("api-gateway", "prometheus")),
            "kafka", Map.of(
                    9092, Set.of("item-service", "query-service", "cache-service", "backup-service", "kafka"),
                    9093, Set.of("kafka")));

    private static Set<String> everyone() {
        return Set.of("api-gateway", "item-service", "query-service", "cache-service", "backup-service", "kafka",
                "outside", "prometheus");
    }

    private static final Map<String, Manifests> RENDERED = new ConcurrentHashMap<>();

    static Manifests rendered(String kustomization) {
        if (Manifests.kubectl().isEmpty()) {
            if (Manifests.underCi()) {
                fail("kubectl is not on the PATH, and CI=true: the overlays must be rendered in CI");
            }
            Assumptions.abort("kubectl is not on the PATH: k8s/" + kustomization + " not rendered (CI requires it);"
                    + " only the base files were checked, without Kustomize (baseFilesFollowTheRulesWithoutKustomize)");
        }
        return RENDERED.computeIfAbsent(kustomization, k -> {
            try {
                return Manifests.render(k);
            } catch (IOException e) {
                throw new AssertionError(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        });
    }

    private static void assertNone(List<String> violations) {
        assertTrue(violations.isEmpty(), () -> violations.size() + " violation(s):\n  " + String.join("\n  ", violations));
    }

    // --- every rendering -------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/dev", "overlays/production"})
    void everyObjectIsAValidKubernetesObjectInTheNamespace(String kustomization) {
        Manifests m = rendered(kustomization);
        assertFalse(m.objects.isEmpty(), kustomization + " renders nothing");
        List<String> bad = new ArrayList<>();
        for (var o : m.objects) {
            if (!(o instanceof io.fabric8.kubernetes.api.model.Namespace) && !"dynamis".equals(o.getMetadata().getNamespace())) {
                bad.add(o.getKind() + " " + o.getMetadata().getName() + " is in namespace " + o.getMetadata().getNamespace());
            }
        }
        Set<String> workloads = m.workloads().stream().map(Manifests.Workload::name).collect(Collectors.toSet());
        if (!workloads.equals(DATA_FLOW.keySet())) {
            bad.add("workloads " + workloads + ", expected " + DATA_FLOW.keySet());
        }
        assertNone(bad);
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/dev", "overlays/production", "overlays/single"})
    void everyContainerHasProbesLimitsAndARestrictedSecurityContext(String kustomization) {
        assertNone(Rules.workloads(rendered(kustomization)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/dev", "overlays/production", "overlays/single"})
    void everyDeploymentHasAnAutoscaler(String kustomization) {
        assertNone(Rules.autoscaling(rendered(kustomization)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/dev", "overlays/production", "overlays/single"})
    void everyWorkloadOfSeveralReplicasHasADisruptionBudget(String kustomization) {
        assertNone(Rules.disruptionBudgets(rendered(kustomization)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/dev", "overlays/production"})
    void networkPoliciesLetOnlyTheDataFlowThrough(String kustomization) {
        assertNone(Rules.networkPolicies(rendered(kustomization), DATA_FLOW));
    }

    @Test
    void productionEnforcesCapacityWhereTheBudgetsLive() {
        Manifests production = rendered("overlays/production");
        for (String service : List.of("item-service", "query-service")) {
            assertEquals("true", production.get(ConfigMap.class, service).getData().get("DYNAMIS_CAPACITY_ENFORCE"), service);
        }
        Manifests dev = rendered("overlays/dev");
        assertFalse(dev.get(ConfigMap.class, "item-service").getData().containsKey("DYNAMIS_CAPACITY_ENFORCE"),
                "off elsewhere, as DynamoDB Local");
    }

    @Test
    void singleIsOneProcessWithItsVolumeAndNoCredential() {
        Manifests m = rendered("overlays/single");
        assertEquals(Set.of("dynamis"), m.workloads().stream().map(Manifests.Workload::name).collect(Collectors.toSet()));
        Manifests.Workload one = m.workload("dynamis");
        assertEquals(1, one.replicaCount());
        assertEquals(List.of("data"), one.claimTemplates());
        assertTrue(container(m, "dynamis").getImage().startsWith("dynamis/server:"));
        assertFalse(Rules.settings(m, container(m, "dynamis")).containsKey("DYNAMIS_ITEM_SHARDS"),
                "one process plays one shard (more need the services topology)");
        assertTrue(m.all(Secret.class).isEmpty(), "no credential written: the operator creates dynamis-admin");
        assertTrue(Rules.secretsRead(m).contains("dynamis-admin"));
        assertNone(Rules.networkPolicies(m, Map.of("dynamis", Map.of(8000, Set.of("dynamis", "outside", "prometheus"),
                8111, Set.of("dynamis", "outside", "prometheus"), 5701, Set.of()))));
        for (var o : m.objects) {
            assertTrue(o instanceof io.fabric8.kubernetes.api.model.Namespace || "dynamis".equals(o.getMetadata().getNamespace()),
                    o.getKind() + " " + o.getMetadata().getName());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/dev", "overlays/production", "overlays/single"})
    void servicesAndAddressesAgree(String kustomization) {
        Manifests m = rendered(kustomization);
        List<String> bad = new ArrayList<>(Rules.services(m));
        bad.addAll(Rules.addresses(m));
        assertNone(bad);
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/dev", "overlays/production", "overlays/single"})
    void everySettingIsOneTheApplicationReads(String kustomization) {
        Manifests m = rendered(kustomization);
        List<String> bad = new ArrayList<>();
        for (Manifests.Workload w : m.workloads()) {
            for (Container c : w.template().getSpec().getContainers()) {
                java.util.regex.Matcher own = Rules.OWN_IMAGE.matcher(c.getImage());
                if (!own.matches()) {
                    continue;
                }
                List<Settings.Mapping> mappings = Settings.mappings(own.group(1));
                Set<String> names = new java.util.TreeSet<>(Rules.settings(m, c).keySet());
                c.getEnv().forEach(e -> names.add(e.getName()));
                for (String name : names) {
                    if (!Settings.known(mappings, name)) {
                        bad.add(w + ": " + name + " is no setting of " + own.group(1) + " (a typo is ignored at run time)");
                    }
                }
            }
        }
        assertNone(bad);
    }

    @Test
    void settingsCheckKnowsRealSettingsFromTypos() {
        List<Settings.Mapping> gateway = Settings.mappings("api-gateway");
        assertTrue(Settings.known(gateway, "DYNAMIS_GATEWAY_ACCELERATOR_KUBERNETES_SERVICE_NAME"));
        assertTrue(Settings.known(gateway, "DYNAMIS_GATEWAY_ADMIN_PASSWORD"));
        assertFalse(Settings.known(gateway, "DYNAMIS_GATEWAY_ACCELERATOR_KUBERNETES_SERVICE"));
        assertFalse(Settings.known(gateway, "DYNAMIS_GATEWAY_ADMIN_PASSWD"));
        assertFalse(Settings.known(gateway, "DYNAMIS_ITEM_DATA_DIR"), "not the gateway's");
        assertTrue(Settings.known(Settings.mappings("item-service"), "DYNAMIS_ITEM_CHANGE_LOG_REPLICATION_FACTOR"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/dev", "overlays/production", "overlays/single"})
    void configMapsHoldNoSecrets(String kustomization) {
        assertNone(Rules.configMaps(rendered(kustomization)));
    }

    /** The workloads whose processes reach item-service through core's ShardRouter, item-service included. */
    static final List<String> ROUTING = List.of("api-gateway", "query-service", "cache-service", "backup-service", "item-service");

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/dev", "overlays/production"})
    void everyServiceRoutesToOneShardPerPodOfTheItemServiceStatefulSet(String kustomization) throws IOException {
        assertRoutingMatchesTheShardPods(rendered(kustomization));
    }

    /**
     * Every routing workload sees {@code dynamis.item.shards} equal to the item-service StatefulSet's replicas and
     * one URL per ordinal, each resolving to its pod through the headless Service on item-service's HTTP port, from
     * one ConfigMap, with no second item-service address and no load-balanced Service in front of the shards.
     */
    static void assertRoutingMatchesTheShardPods(Manifests m) throws IOException {
        Manifests.Workload item = m.workload("item-service");
        assertEquals("StatefulSet", item.kind());
        int pods = item.replicaCount();
        Service headless = m.get(Service.class, item.serviceName());
        assertEquals("None", headless.getSpec().getClusterIP(), "the shards' names come from a headless Service");
        int port = Integer.parseInt(DockerfilesTest.httpPort("item-service"));
        for (String routing : ROUTING) {
            Map<String, String> settings = Rules.settings(m, container(m, routing));
            assertEquals(String.valueOf(pods), settings.get("DYNAMIS_ITEM_SHARDS"),
                    routing + ": dynamis.item.shards is not the item-service StatefulSet's " + pods + " replicas");
            String urls = settings.get("DYNAMIS_ITEM_SHARD_URLS");
            assertTrue(urls != null, routing + " has no dynamis.item.shard-urls");
            List<String> list = List.of(urls.split(","));
            assertEquals(pods, list.size(), routing + ": one URL per shard: " + urls);
            for (int ordinal = 0; ordinal < pods; ordinal++) {
                URI url = URI.create(list.get(ordinal).strip());
                assertEquals("http", url.getScheme(), list.get(ordinal));
                assertEquals("item-service-" + ordinal + "." + headless.getMetadata().getName(), url.getHost(),
                        routing + ": URL " + ordinal + " is not pod item-service-" + ordinal + " through the headless Service");
                assertEquals(Optional.of(headless), Rules.service(m, url.getHost()), url.getHost() + " resolves to no pod");
                assertEquals(port, url.getPort(), routing + ": " + url + " is not item-service's HTTP port");
                assertTrue(url.getPath().isEmpty(), url.toString());
            }
            List<String> second = settings.keySet().stream().filter(k -> k.endsWith("_ITEM_SERVICE_URL")).toList();
            assertEquals(List.of(), second, routing + ": one source of item-service's addresses, the shard URLs");
        }
        assertTrue(m.all(Service.class).stream().noneMatch(s -> !"None".equals(s.getSpec().getClusterIP())
                        && Selectors.matches(Rules.selector(s), item.podLabels())),
                "no load-balanced Service in front of the shards: a request must reach the shard of its items");
        assertEquals("item-shards", sharedConfigMap(m), "the count and the URLs come from one ConfigMap");
    }

    /** The one ConfigMap every routing workload reads the shard count and URLs from. */
    private static String sharedConfigMap(Manifests m) {
        Set<String> holders = new java.util.TreeSet<>();
        for (String routing : ROUTING) {
            for (var from : container(m, routing).getEnvFrom()) {
                Map<String, String> data = from.getConfigMapRef() == null ? Map.of()
                        : m.get(ConfigMap.class, from.getConfigMapRef().getName()).getData();
                if (data.containsKey("DYNAMIS_ITEM_SHARDS") || data.containsKey("DYNAMIS_ITEM_SHARD_URLS")) {
                    holders.add(from.getConfigMapRef().getName());
                }
            }
            assertTrue(container(m, routing).getEnv().stream().noneMatch(e -> e.getName().startsWith("DYNAMIS_ITEM_SHARD_")
                    || e.getName().equals("DYNAMIS_ITEM_SHARDS")), routing + " sets the shards beside the shared ConfigMap");
        }
        assertEquals(1, holders.size(), "ConfigMaps holding the shard count: " + holders);
        return holders.iterator().next();
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/dev", "overlays/production"})
    void eachItemServicePodIsTheShardOfItsOrdinalWithItsOwnVolume(String kustomization) {
        Manifests m = rendered(kustomization);
        StatefulSet item = m.get(StatefulSet.class, "item-service");
        assertTrue(item.getSpec().getOrdinals() == null || item.getSpec().getOrdinals().getStart() == null
                || item.getSpec().getOrdinals().getStart() == 0, "ordinals start at 0, as shard numbers do");
        Container c = container(m, "item-service");
        EnvVar shard = c.getEnv().stream().filter(e -> e.getName().equals("DYNAMIS_ITEM_SHARD")).findFirst()
                .orElseThrow(() -> new AssertionError("item-service is not told its shard (DYNAMIS_ITEM_SHARD)"));
        assertTrue(shard.getValue() == null && shard.getValueFrom() != null && shard.getValueFrom().getFieldRef() != null,
                "the shard is not taken from the pod");
        assertEquals("metadata.labels['apps.kubernetes.io/pod-index']", shard.getValueFrom().getFieldRef().getFieldPath(),
                "the shard is the pod's ordinal, which Kubernetes (1.28+) sets as this label");
        assertFalse(Rules.settings(m, c).containsKey("DYNAMIS_ITEM_SHARD"), "a ConfigMap shared by every pod names one shard");

        Manifests.Workload w = m.workload("item-service");
        assertEquals(List.of("data"), w.claimTemplates(), "each shard keeps its data on a claim of its own");
        String mount = c.getVolumeMounts().stream().filter(v -> v.getName().equals("data")).findFirst()
                .orElseThrow(() -> new AssertionError("the claim is not mounted")).getMountPath();
        assertTrue(Rules.settings(m, c).get("DYNAMIS_ITEM_DATA_DIR").startsWith(mount + "/"),
                "the store and redo log are not on the claim " + mount);
        assertTrue(w.template().getSpec().getVolumes().stream().noneMatch(v -> v.getName().equals("data")),
                "a pod volume named data would be shared by no claim");
        for (String stateful : List.of("query-service", "backup-service", "kafka")) {
            Manifests.Workload s = m.workload(stateful);
            assertEquals("StatefulSet", s.kind(), stateful);
            assertEquals(List.of("data"), s.claimTemplates(), stateful + " keeps its data on a claim per pod");
        }
        assertEquals(1, m.workload("query-service").replicaCount(), "one index copy (see query-service.yaml)");
        assertEquals(1, m.workload("backup-service").replicaCount(), "one archive");
    }

    @Test
    void productionRunsThreeShardsAndDevOne() {
        assertEquals(1, rendered("base").workload("item-service").replicaCount());
        assertEquals(1, rendered("overlays/dev").workload("item-service").replicaCount(), "one shard on a laptop");
        assertEquals(3, rendered("overlays/production").workload("item-service").replicaCount(), "three shards in production");
    }

    /**
     * An overlay of the operator's own, as docs/operations.md says to write it: the count and the URLs in a
     * component listed before components/item-shards, and the replicas follow. Patched in the overlay itself
     * instead, the ConfigMap changes after the replicas were copied, which the routing check catches.
     */
    @Test
    void anOverlayOfOneselfSetsTheCountAndTheReplicasFollow(@TempDir Path dir) throws IOException {
        String urls = java.util.stream.IntStream.range(0, 5)
                .mapToObj(i -> "http://item-service-" + i + ".item-service-pods:8201").collect(Collectors.joining(","));
        String patch = """
                  - patch: |-
                      apiVersion: v1
                      kind: ConfigMap
                      metadata:
                        name: item-shards
                      data:
                        DYNAMIS_ITEM_SHARDS: "5"
                        DYNAMIS_ITEM_SHARD_URLS: %s
                """.formatted(urls);
        // kustomize takes no absolute path: the base and the component relative to the overlays (both one deep)
        Path base = dir.resolve("good").relativize(Manifests.K8S.resolve("base"));
        Path component = dir.resolve("good").relativize(Manifests.K8S.resolve("components/item-shards"));
        Files.createDirectories(dir.resolve("good/shards"));
        Files.writeString(dir.resolve("good/shards/kustomization.yaml"),
                "apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\npatches:\n" + patch);
        Files.writeString(dir.resolve("good/kustomization.yaml"),
                "resources:\n  - " + base + "\ncomponents:\n  - shards\n  - " + component + "\n");
        Manifests good = rendered(dir.resolve("good").toString());
        assertEquals(5, good.workload("item-service").replicaCount());
        assertRoutingMatchesTheShardPods(good);

        Files.createDirectories(dir.resolve("late"));
        Files.writeString(dir.resolve("late/kustomization.yaml"),
                "resources:\n  - " + base + "\ncomponents:\n  - " + component + "\npatches:\n" + patch);
        Manifests late = rendered(dir.resolve("late").toString());
        assertEquals(1, late.workload("item-service").replicaCount(), "a patch of the overlay comes after the component");
        AssertionError caught = org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class,
                () -> assertRoutingMatchesTheShardPods(late));
        assertTrue(caught.getMessage().contains("is not the item-service StatefulSet's 1 replicas"), caught.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/dev", "overlays/production"})
    void hazelcastDiscoveryIsAllowedForTheMembersAndTheGatewaysClient(String kustomization) {
        Manifests m = rendered(kustomization);
        Map<String, String> cache = Rules.settings(m, container(m, "cache-service"));
        Map<String, String> gateway = Rules.settings(m, container(m, "api-gateway"));
        assertEquals("KUBERNETES", cache.get("DYNAMIS_CACHE_CLUSTER_JOIN"));
        assertEquals("KUBERNETES", gateway.get("DYNAMIS_GATEWAY_ACCELERATOR_JOIN"));
        String members = cache.get("DYNAMIS_CACHE_CLUSTER_KUBERNETES_SERVICE_NAME");
        assertEquals(members, gateway.get("DYNAMIS_GATEWAY_ACCELERATOR_KUBERNETES_SERVICE_NAME"));
        assertEquals(members, m.get(StatefulSet.class, "cache-service").getSpec().getServiceName());
        for (String account : List.of("cache-service", "api-gateway")) {
            String podAccount = m.workload(account).template().getSpec().getServiceAccountName();
            assertEquals(account, podAccount, account + "'s pods run as their own service account");
            boolean canList = m.all(RoleBinding.class).stream()
                    .filter(b -> b.getSubjects().stream().anyMatch(s -> s.getKind().equals("ServiceAccount") && s.getName().equals(account)))
                    .map(b -> m.get(Role.class, b.getRoleRef().getName()))
                    .anyMatch(r -> r.getRules().stream().anyMatch(rule -> rule.getResources().contains("endpoints")
                            && rule.getVerbs().containsAll(List.of("get", "list"))));
            assertTrue(canList, account + " may not list the endpoints Hazelcast's discovery reads");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/dev", "overlays/production"})
    void kafkaQuorumAndReplicationMatchItsReplicas(String kustomization) {
        Manifests m = rendered(kustomization);
        Map<String, String> kafka = Rules.settings(m, container(m, "kafka"));
        int brokers = m.workload("kafka").replicaCount();
        String voters = java.util.stream.IntStream.range(0, brokers)
                .mapToObj(i -> i + "@kafka-" + i + ".kafka-pods:9093").collect(Collectors.joining(","));
        assertEquals(voters, kafka.get("KAFKA_CONTROLLER_QUORUM_VOTERS"), "one controller per pod of the StatefulSet");
        int replication = Integer.parseInt(kafka.get("KAFKA_DEFAULT_REPLICATION_FACTOR"));
        int minInsync = Integer.parseInt(kafka.get("KAFKA_MIN_INSYNC_REPLICAS"));
        assertTrue(replication <= brokers, "replication factor " + replication + " above " + brokers + " brokers");
        assertTrue(replication == 1 ? minInsync == 1 : minInsync < replication && minInsync >= 2,
                "min.insync.replicas " + minInsync + " with replication factor " + replication);
        assertEquals(String.valueOf(replication),
                Rules.settings(m, container(m, "item-service")).get("DYNAMIS_ITEM_CHANGE_LOG_REPLICATION_FACTOR"),
                "the change-log topic is created with the brokers' replication factor");
        assertTrue(m.get(ConfigMap.class, "kafka").getData().get("KAFKA_CLUSTER_ID").matches("[A-Za-z0-9_-]{22}"),
                "KAFKA_CLUSTER_ID is a base64 UUID");
    }

    // --- one overlay --------------------------------------------------------------------------------

    @Test
    void devRunsOneReplicaOfEachWithGeneratedDevCredentials() {
        Manifests m = rendered("overlays/dev");
        for (Manifests.Workload w : m.workloads()) {
            assertEquals(1, Rules.minReplicas(m, w), w + " in dev");
        }
        Secret admin = m.all(Secret.class).stream().filter(s -> s.getMetadata().getName().startsWith("dynamis-admin"))
                .findFirst().orElseThrow(() -> new AssertionError("dev generates the admin Secret"));
        assertTrue(admin.getData().keySet().containsAll(Set.of("username", "password")));
        assertTrue(Rules.secretsRead(m).contains(admin.getMetadata().getName()), "the gateway reads the generated Secret");
    }

    @Test
    void productionScalesOutAndWritesNoCredential() {
        Manifests m = rendered("overlays/production");
        assertTrue(m.all(Secret.class).isEmpty(), "production must not carry a Secret: the operator creates dynamis-admin");
        assertTrue(Rules.secretsRead(m).contains("dynamis-admin"));
        EnvVar password = container(m, "api-gateway").getEnv().stream()
                .filter(e -> e.getName().equals("DYNAMIS_GATEWAY_ADMIN_PASSWORD")).findFirst().orElseThrow();
        assertEquals("dynamis-admin", password.getValueFrom().getSecretKeyRef().getName());
        assertFalse(Boolean.TRUE.equals(password.getValueFrom().getSecretKeyRef().getOptional()),
                "no silent fallback to the default password");

        assertEquals(3, m.workload("kafka").replicaCount(), "three Kafka nodes");
        Map<String, String> kafka = Rules.settings(m, container(m, "kafka"));
        assertEquals("3", kafka.get("KAFKA_DEFAULT_REPLICATION_FACTOR"));
        assertEquals("2", kafka.get("KAFKA_MIN_INSYNC_REPLICAS"));
        for (String spread : List.of("api-gateway", "cache-service", "item-service", "kafka")) {
            Manifests.Workload w = m.workload(spread);
            assertTrue(Rules.minReplicas(m, w) >= 2, spread + " runs several replicas");
            var affinity = w.template().getSpec().getAffinity();
            assertTrue(affinity != null && affinity.getPodAntiAffinity() != null, spread + " has no pod anti-affinity");
        }
        for (String ours : SERVICES) {
            assertTrue(m.workload(ours).template().getSpec().getContainers().get(0).getImage().startsWith("dynamis/" + ours + ":"));
        }
    }

    // --- without Kustomize --------------------------------------------------------------------------

    /** Runs everywhere, kubectl or not: the base files read as they are, together. */
    @Test
    void baseFilesFollowTheRulesWithoutKustomize() throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.list(Manifests.K8S.resolve("base"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                if (file.getFileName().toString().equals("kustomization.yaml")) {
                    continue;
                }
                Manifests.file(file); // each file valid on its own
                all.append(Files.readString(file)).append("\n---\n");
            }
        }
        Manifests m = Manifests.parse("k8s/base/*.yaml", all.toString());
        List<String> bad = new ArrayList<>(Rules.workloads(m));
        bad.addAll(Rules.autoscaling(m));
        bad.addAll(Rules.networkPolicies(m, DATA_FLOW));
        bad.addAll(Rules.services(m));
        bad.addAll(Rules.addresses(m));
        bad.addAll(Rules.configMaps(m));
        assertNone(bad);
    }

    /** The strict reading refuses what the API server would: a misspelt field, a wrong type, an unknown kind. */
    @Test
    void strictReadingRefusesWhatTheApiServerWould() {
        String misspelt = """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: x}
                spec:
                  selector: {matchLabels: {a: b}}
                  template:
                    metadata: {labels: {a: b}}
                    spec:
                      containers:
                        - name: x
                          image: x:1
                          livenesProbe: {tcpSocket: {port: 1}}
                """;
        AssertionError e = org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class, () -> Manifests.parse("test", misspelt));
        assertTrue(e.getMessage().contains("livenesProbe"), e.getMessage());
        String wrongType = "apiVersion: v1\nkind: Service\nmetadata: {name: x}\nspec: {ports: [{port: eighty}]}\n";
        org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class, () -> Manifests.parse("test", wrongType));
        String unknownKind = "apiVersion: v1\nkind: Pod\nmetadata: {name: x}\n";
        org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class, () -> Manifests.parse("test", unknownKind));
    }

    private static Container container(Manifests m, String workload) {
        return m.workload(workload).template().getSpec().getContainers().get(0);
    }
}
