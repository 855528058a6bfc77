package io.dynamis.k8s;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The manifests as the Kubernetes API would take them: an overlay rendered by {@code kubectl kustomize}
 * (or a base file read as it is), each YAML document read into its typed class of the Kubernetes model
 * (fabric8's, generated from the API's OpenAPI schemas). Reading is strict: a kind or apiVersion not in
 * {@link #KINDS}, a field of the wrong type, or a field the schema does not have (the model keeps those
 * aside in {@code additionalProperties}, which {@link #rejectUnknownFields} finds) fails.
 */
final class Manifests {

    /** Every kind the manifests may use, by apiVersion/kind. */
    static final Map<String, Class<? extends HasMetadata>> KINDS = Map.ofEntries(
            Map.entry("v1/Namespace", Namespace.class),
            Map.entry("v1/ConfigMap", ConfigMap.class),
            Map.entry("v1/Secret", Secret.class),
            Map.entry("v1/Service", Service.class),
            Map.entry("v1/ServiceAccount", ServiceAccount.class),
            Map.entry("apps/v1/Deployment", Deployment.class),
            Map.entry("apps/v1/StatefulSet", StatefulSet.class),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
            Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class),
            Map.entry("rbac.authorization.k8s.io/v1/Role", Role.class),
            Map.entry("rbac.authorization.k8s.io/v1/RoleBinding", RoleBinding.class));

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

    static final Path ROOT = Path.of(System.getProperty("dynamis.root", "..")).toAbsolutePath().normalize();
    static final Path K8S = ROOT.resolve("k8s");

    final String source;
    final List<HasMetadata> objects;

    private Manifests(String source, List<HasMetadata> objects) {
        this.source = source;
        this.objects = List.copyOf(objects);
    }

    /** The path of kubectl, if it is on the PATH. */
    static Optional<Path> kubectl() {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, "kubectl"))
                .filter(Files::isExecutable)
                .findFirst();
    }

    static boolean underCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** Renders a kustomization directory (relative to k8s/) with {@code kubectl kustomize}. */
    static Manifests render(String kustomization) throws IOException, InterruptedException {
        Path kubectl = kubectl().orElseThrow(() -> new IllegalStateException("kubectl is not on the PATH"));
        Path dir = K8S.resolve(kustomization);
        Process process = new ProcessBuilder(kubectl.toString(), "kustomize", dir.toString())
                .redirectErrorStream(false)
                .start();
        // read both streams fully before waiting (a full pipe would block kubectl)
        var err = new java.util.concurrent.CompletableFuture<String>();
        Thread errReader = new Thread(() -> {
            try {
                err.complete(new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                err.completeExceptionally(e);
            }
        });
        errReader.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("kubectl kustomize " + dir + " did not finish in 2 minutes");
        }
        errReader.join();
        if (process.exitValue() != 0) {
            throw new IllegalStateException("kubectl kustomize " + dir + " failed (exit " + process.exitValue() + "):\n"
                    + err.join());
        }
        return parse("k8s/" + kustomization + " (rendered)", out);
    }

    /** Reads one manifest file as it is, without Kustomize. */
    static Manifests file(Path file) throws IOException {
        return parse(K8S.relativize(file).toString(), Files.readString(file));
    }

    static Manifests parse(String source, String yaml) throws IOException {
        List<HasMetadata> objects = new ArrayList<>();
        try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(yaml)) {
            int index = 0;
            while (docs.hasNext()) {
                JsonNode doc = docs.next();
                index++;
                if (doc == null || doc.isNull() || doc.isEmpty()) {
                    continue;
                }
                String where = source + " document " + index;
                String type = doc.path("apiVersion").asText() + "/" + doc.path("kind").asText();
                Class<? extends HasMetadata> kind = KINDS.get(type);
                if (kind == null) {
                    throw new AssertionError(where + ": " + type + " is not a kind these manifests may use " + KINDS.keySet());
                }
                HasMetadata object;
                try {
                    object = YAML.treeToValue(doc, kind);
                } catch (IOException e) {
                    throw new AssertionError(where + " (" + type + "): not a valid " + kind.getSimpleName() + ": "
                            + e.getMessage(), e);
                }
                String name = object.getMetadata() == null ? null : object.getMetadata().getName();
                if (name == null || name.isBlank()) {
                    throw new AssertionError(where + " (" + type + ") has no metadata.name");
                }
                rejectUnknownFields(object, where + " " + type + " " + name);
                objects.add(object);
            }
        }
        return new Manifests(source, objects);
    }

    /**
     * Fails on any field the Kubernetes schema does not have: the model's classes keep such fields in
     * {@code additionalProperties} instead of refusing them, so the whole object tree is walked.
     */
    static void rejectUnknownFields(Object value, String path) {
        if (value == null) {
            return;
        }
        if (value instanceof Collection<?> list) {
            int i = 0;
            for (Object element : list) {
                rejectUnknownFields(element, path + "[" + i++ + "]");
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                rejectUnknownFields(entry.getValue(), path + "[" + entry.getKey() + "]");
            }
            return;
        }
        if (!(value instanceof KubernetesResource) && !value.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || getter.getDeclaringClass() == Object.class || !getter.getName().startsWith("get")
                    || getter.getReturnType().isPrimitive() || getter.getReturnType().isEnum()
                    || getter.getReturnType() == String.class || getter.getReturnType() == Class.class) {
                continue;
            }
            Object field;
            try {
                field = getter.invoke(value);
            } catch (IllegalAccessException | InvocationTargetException e) {
                continue;
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (field instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    throw new AssertionError(path + ": fields the Kubernetes schema does not have: " + extra.keySet());
                }
                continue;
            }
            String name = Character.toLowerCase(getter.getName().charAt(3)) + getter.getName().substring(4);
            rejectUnknownFields(field, path + "." + name);
        }
    }

    <T extends HasMetadata> List<T> all(Class<T> kind) {
        return objects.stream().filter(kind::isInstance).map(kind::cast).collect(Collectors.toList());
    }

    <T extends HasMetadata> Optional<T> find(Class<T> kind, String name) {
        return all(kind).stream().filter(o -> o.getMetadata().getName().equals(name)).findFirst();
    }

    <T extends HasMetadata> T get(Class<T> kind, String name) {
        return find(kind, name).orElseThrow(() -> new AssertionError(source + " has no " + kind.getSimpleName() + " " + name));
    }

    /** The Deployments and StatefulSets. */
    List<Workload> workloads() {
        List<Workload> workloads = new ArrayList<>();
        for (Deployment d : all(Deployment.class)) {
            workloads.add(new Workload("Deployment", d.getMetadata().getName(), d.getSpec().getReplicas(),
                    d.getSpec().getSelector(), d.getSpec().getTemplate(), List.of(), null));
        }
        for (StatefulSet s : all(StatefulSet.class)) {
            workloads.add(new Workload("StatefulSet", s.getMetadata().getName(), s.getSpec().getReplicas(),
                    s.getSpec().getSelector(), s.getSpec().getTemplate(),
                    s.getSpec().getVolumeClaimTemplates() == null ? List.of() : s.getSpec().getVolumeClaimTemplates().stream()
                            .map(c -> c.getMetadata().getName()).collect(Collectors.toList()),
                    s.getSpec().getServiceName()));
        }
        return workloads;
    }

    Workload workload(String name) {
        return workloads().stream().filter(w -> w.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(source + " has no workload " + name));
    }

    /** A Deployment or StatefulSet, as far as the rules care. */
    record Workload(String kind, String name, Integer replicas, io.fabric8.kubernetes.api.model.LabelSelector selector,
            PodTemplateSpec template, List<String> claimTemplates, String serviceName) {

        Map<String, String> podLabels() {
            Map<String, String> labels = template.getMetadata() == null ? null : template.getMetadata().getLabels();
            return labels == null ? Map.of() : labels;
        }

        int replicaCount() {
            return replicas == null ? 1 : replicas;
        }

        @Override
        public String toString() {
            return kind + " " + name;
        }
    }
}
