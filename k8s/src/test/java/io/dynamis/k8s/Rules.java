package io.dynamis.k8s;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rules every rendering of the manifests must follow. Each returns its violations (empty: all
 * good), so a failing test names every offender at once.
 */
final class Rules {

    static final String VERSION = System.getProperty("dynamis.version", "0.1.0-SNAPSHOT");

    /** Images of this project: dynamis/<module>:<version>, built from <module>/src/main/docker/Dockerfile.jvm. */
    static final Pattern OWN_IMAGE = Pattern.compile("dynamis/([a-z-]+):(.+)");
    /** A reference with a tag (and maybe a digest): name[:port]/path:tag[@sha256:...]. */
    static final Pattern TAGGED = Pattern.compile("([a-z0-9.-]+(:[0-9]+)?/)?[a-z0-9._/-]+:([A-Za-z0-9._-]+)(@sha256:[0-9a-f]{64})?");
    static final Pattern SECRET_NAME = Pattern.compile(
            "(?i).*(password|passwd|secret|token|credential|private[-_]?key|access[-_]?key|root[-_]?key).*");
    static final Pattern URL = Pattern.compile("https?://([a-z0-9-]+)(\\.[a-z0-9.-]+)?:([0-9]+)");
    static final Pattern HOST_PORT = Pattern.compile("([a-z0-9-]+):([0-9]+)");

    private Rules() {
    }

    /** Probes, resources, security contexts, writable volumes, images and metrics of every container. */
    static List<String> workloads(Manifests m) {
        List<String> bad = new ArrayList<>();
        if (m.workloads().isEmpty()) {
            bad.add(m.source + " has no workload at all");
        }
        for (Manifests.Workload w : m.workloads()) {
            PodSpec pod = w.template().getSpec();
            if (!Selectors.matches(w.selector(), w.podLabels())) {
                bad.add(w + ": its selector does not select its own pods");
            }
            if (pod.getSecurityContext() == null || !Boolean.TRUE.equals(pod.getSecurityContext().getRunAsNonRoot())) {
                bad.add(w + ": pod securityContext.runAsNonRoot is not true");
            } else if (Long.valueOf(0).equals(pod.getSecurityContext().getRunAsUser())) {
                bad.add(w + ": runs as uid 0");
            }
            Map<String, Volume> volumes = new LinkedHashMap<>();
            for (Volume v : pod.getVolumes() == null ? List.<Volume>of() : pod.getVolumes()) {
                volumes.put(v.getName(), v);
            }
            List<Container> containers = new ArrayList<>(pod.getContainers());
            if (pod.getInitContainers() != null) {
                containers.addAll(pod.getInitContainers());
            }
            boolean own = false;
            for (Container c : containers) {
                String where = w + " container " + c.getName();
                bad.addAll(image(where, c.getImage()));
                Matcher ownImage = OWN_IMAGE.matcher(c.getImage());
                boolean dynamis = ownImage.matches();
                own |= dynamis;
                bad.addAll(probes(where, c, dynamis));
                bad.addAll(resources(where, c.getResources()));
                bad.addAll(securityContext(where, c.getSecurityContext()));
                bad.addAll(mounts(where, c, volumes, w.claimTemplates()));
                if (c.getEnv() != null) {
                    for (EnvVar env : c.getEnv()) {
                        if (env.getValue() != null && SECRET_NAME.matcher(env.getName()).matches()) {
                            bad.add(where + ": " + env.getName() + " is written in the manifest; take it from a Secret");
                        }
                    }
                }
            }
            if (own) {
                bad.addAll(metrics(w));
            }
            for (String claim : w.claimTemplates()) {
                boolean mounted = containers.stream().anyMatch(c -> c.getVolumeMounts() != null
                        && c.getVolumeMounts().stream().anyMatch(vm -> vm.getName().equals(claim)));
                if (!mounted) {
                    bad.add(w + ": volume claim template " + claim + " is mounted by no container");
                }
            }
            if (w.serviceName() != null) {
                Optional<Service> governing = m.find(Service.class, w.serviceName());
                if (governing.isEmpty() || !"None".equals(governing.get().getSpec().getClusterIP())
                        || !Selectors.matches(selector(governing.get()), w.podLabels())) {
                    bad.add(w + ": serviceName " + w.serviceName() + " is not a headless Service selecting its pods");
                }
            }
        }
        return bad;
    }

    static List<String> image(String where, String image) {
        List<String> bad = new ArrayList<>();
        Matcher tagged = TAGGED.matcher(image == null ? "" : image);
        if (!tagged.matches()) {
            bad.add(where + ": image " + image + " names no tag");
        } else if (tagged.group(3).equals("latest")) {
            bad.add(where + ": image " + image + " uses the tag latest");
        }
        Matcher own = OWN_IMAGE.matcher(image == null ? "" : image);
        if (own.matches()) {
            if (!own.group(2).equals(VERSION)) {
                bad.add(where + ": image " + image + " is not this version (" + VERSION + ")");
            }
            if (!java.nio.file.Files.isRegularFile(Manifests.ROOT.resolve(own.group(1)).resolve("src/main/docker/Dockerfile.jvm"))) {
                bad.add(where + ": image " + image + " has no " + own.group(1) + "/src/main/docker/Dockerfile.jvm");
            }
        }
        return bad;
    }

    static List<String> probes(String where, Container c, boolean dynamis) {
        List<String> bad = new ArrayList<>();
        Map<String, Probe> probes = new LinkedHashMap<>();
        probes.put("startupProbe", c.getStartupProbe());
        probes.put("livenessProbe", c.getLivenessProbe());
        probes.put("readinessProbe", c.getReadinessProbe());
        for (Map.Entry<String, Probe> probe : probes.entrySet()) {
            Probe p = probe.getValue();
            if (p == null) {
                bad.add(where + ": no " + probe.getKey());
                continue;
            }
            if (p.getHttpGet() == null && p.getTcpSocket() == null && p.getExec() == null && p.getGrpc() == null) {
                bad.add(where + ": " + probe.getKey() + " has no action");
                continue;
            }
            IntOrString port = p.getHttpGet() != null ? p.getHttpGet().getPort()
                    : p.getTcpSocket() != null ? p.getTcpSocket().getPort() : null;
            if (port != null && containerPort(c, port).isEmpty()) {
                bad.add(where + ": " + probe.getKey() + " port " + port + " is not a port of the container");
            }
        }
        if (dynamis) {
            bad.addAll(httpPath(where, "livenessProbe", c.getLivenessProbe(), "/q/health/live"));
            bad.addAll(httpPath(where, "readinessProbe", c.getReadinessProbe(), "/q/health/ready"));
            bad.addAll(httpPath(where, "startupProbe", c.getStartupProbe(), "/q/health/live"));
        }
        return bad;
    }

    private static List<String> httpPath(String where, String name, Probe probe, String path) {
        HTTPGetAction get = probe == null ? null : probe.getHttpGet();
        if (probe != null && (get == null || !path.equals(get.getPath()))) {
            return List.of(where + ": " + name + " is not GET " + path);
        }
        return List.of();
    }

    static Optional<Integer> containerPort(Container c, IntOrString port) {
        if (port.getIntVal() != null) {
            return c.getPorts() != null && c.getPorts().stream().anyMatch(p -> p.getContainerPort().equals(port.getIntVal()))
                    ? Optional.of(port.getIntVal()) : Optional.empty();
        }
        return c.getPorts() == null ? Optional.empty() : c.getPorts().stream()
                .filter(p -> port.getStrVal().equals(p.getName())).map(ContainerPort::getContainerPort).findFirst();
    }

    static List<String> resources(String where, ResourceRequirements r) {
        List<String> bad = new ArrayList<>();
        for (String kind : List.of("cpu", "memory")) {
            Quantity request = r == null || r.getRequests() == null ? null : r.getRequests().get(kind);
            Quantity limit = r == null || r.getLimits() == null ? null : r.getLimits().get(kind);
            if (request == null) {
                bad.add(where + ": no " + kind + " request");
            }
            if (limit == null) {
                bad.add(where + ": no " + kind + " limit");
            }
            if (request != null && limit != null
                    && request.getNumericalAmount().compareTo(limit.getNumericalAmount()) > 0) {
                bad.add(where + ": " + kind + " request " + request + " above its limit " + limit);
            }
        }
        return bad;
    }

    static List<String> securityContext(String where, SecurityContext s) {
        List<String> bad = new ArrayList<>();
        if (s == null || !Boolean.FALSE.equals(s.getAllowPrivilegeEscalation())) {
            bad.add(where + ": allowPrivilegeEscalation is not false");
        }
        if (s == null || !Boolean.TRUE.equals(s.getReadOnlyRootFilesystem())) {
            bad.add(where + ": readOnlyRootFilesystem is not true");
        }
        if (s != null && Boolean.TRUE.equals(s.getPrivileged())) {
            bad.add(where + ": privileged");
        }
        if (s != null && (s.getCapabilities() == null || s.getCapabilities().getDrop() == null
                || !s.getCapabilities().getDrop().contains("ALL"))) {
            bad.add(where + ": does not drop ALL capabilities");
        }
        return bad;
    }

    /** A writable place only where data lives (a volume claim) and /tmp (an emptyDir). */
    static List<String> mounts(String where, Container c, Map<String, Volume> volumes, List<String> claims) {
        List<String> bad = new ArrayList<>();
        boolean tmp = false;
        for (VolumeMount mount : c.getVolumeMounts() == null ? List.<VolumeMount>of() : c.getVolumeMounts()) {
            Volume v = volumes.get(mount.getName());
            if (v == null && !claims.contains(mount.getName())) {
                bad.add(where + ": mounts " + mount.getName() + ", which is no volume of the pod");
                continue;
            }
            if (claims.contains(mount.getName())) {
                continue; // the data
            }
            if (v.getEmptyDir() != null) {
                if (mount.getMountPath().equals("/tmp")) {
                    tmp = true;
                } else {
                    bad.add(where + ": an emptyDir at " + mount.getMountPath() + " (only /tmp may be one; data goes on a claim)");
                }
            } else if (v.getConfigMap() == null && v.getSecret() == null && v.getProjected() == null) {
                bad.add(where + ": volume " + v.getName() + " is neither a claim, /tmp, a ConfigMap nor a Secret");
            } else if (!Boolean.TRUE.equals(mount.getReadOnly()) && v.getConfigMap() == null && v.getSecret() == null) {
                bad.add(where + ": " + mount.getMountPath() + " is mounted writable");
            }
        }
        if (!tmp) {
            bad.add(where + ": no emptyDir at /tmp (the root file system is read-only)");
        }
        return bad;
    }

    static List<String> metrics(Manifests.Workload w) {
        Map<String, String> a = w.template().getMetadata().getAnnotations() == null ? Map.of()
                : w.template().getMetadata().getAnnotations();
        List<String> bad = new ArrayList<>();
        if (!"true".equals(a.get("prometheus.io/scrape")) || !"/q/metrics".equals(a.get("prometheus.io/path"))) {
            bad.add(w + ": no Prometheus scrape annotations for /q/metrics");
        } else {
            boolean port = w.template().getSpec().getContainers().stream().anyMatch(c -> c.getPorts() != null
                    && c.getPorts().stream().anyMatch(p -> String.valueOf(p.getContainerPort()).equals(a.get("prometheus.io/port"))));
            if (!port) {
                bad.add(w + ": prometheus.io/port " + a.get("prometheus.io/port") + " is no port of its containers");
            }
        }
        return bad;
    }

    /** Every Deployment has an HPA, every HPA a target that exists, with CPU requests to measure against. */
    static List<String> autoscaling(Manifests m) {
        List<String> bad = new ArrayList<>();
        List<HorizontalPodAutoscaler> hpas = m.all(HorizontalPodAutoscaler.class);
        for (Deployment d : m.all(Deployment.class)) {
            boolean scaled = hpas.stream().anyMatch(h -> h.getSpec().getScaleTargetRef().getKind().equals("Deployment")
                    && h.getSpec().getScaleTargetRef().getName().equals(d.getMetadata().getName()));
            if (!scaled) {
                bad.add("Deployment " + d.getMetadata().getName() + " has no HorizontalPodAutoscaler");
            }
        }
        for (HorizontalPodAutoscaler h : hpas) {
            String name = h.getSpec().getScaleTargetRef().getName();
            String kind = h.getSpec().getScaleTargetRef().getKind();
            Optional<Manifests.Workload> target = m.workloads().stream()
                    .filter(w -> w.kind().equals(kind) && w.name().equals(name)).findFirst();
            if (target.isEmpty()) {
                bad.add("HPA " + h.getMetadata().getName() + " scales " + kind + " " + name + ", which does not exist");
                continue;
            }
            int min = h.getSpec().getMinReplicas() == null ? 1 : h.getSpec().getMinReplicas();
            if (min < 1 || min > h.getSpec().getMaxReplicas()) {
                bad.add("HPA " + h.getMetadata().getName() + ": minReplicas " + min + " and maxReplicas " + h.getSpec().getMaxReplicas());
            }
            if (h.getSpec().getMetrics() == null || h.getSpec().getMetrics().isEmpty()) {
                bad.add("HPA " + h.getMetadata().getName() + " has no metric");
            }
        }
        return bad;
    }

    /** The replicas a workload runs with at least: its own, or its HPA's minimum. */
    static int minReplicas(Manifests m, Manifests.Workload w) {
        return m.all(HorizontalPodAutoscaler.class).stream()
                .filter(h -> h.getSpec().getScaleTargetRef().getName().equals(w.name())
                        && h.getSpec().getScaleTargetRef().getKind().equals(w.kind()))
                .map(h -> h.getSpec().getMinReplicas() == null ? 1 : h.getSpec().getMinReplicas())
                .findFirst().orElse(w.replicaCount());
    }

    /** Every workload of several replicas has a PodDisruptionBudget that still lets a drain proceed. */
    static List<String> disruptionBudgets(Manifests m) {
        List<String> bad = new ArrayList<>();
        for (Manifests.Workload w : m.workloads()) {
            int replicas = minReplicas(m, w);
            List<PodDisruptionBudget> budgets = m.all(PodDisruptionBudget.class).stream()
                    .filter(p -> Selectors.matches(p.getSpec().getSelector(), w.podLabels())).toList();
            if (replicas > 1 && budgets.isEmpty()) {
                bad.add(w + " runs " + replicas + " replicas and has no PodDisruptionBudget");
            }
            for (PodDisruptionBudget p : budgets) {
                IntOrString minAvailable = p.getSpec().getMinAvailable();
                IntOrString maxUnavailable = p.getSpec().getMaxUnavailable();
                if (maxUnavailable != null && Objects.equals(maxUnavailable.getIntVal(), 0)
                        || minAvailable != null && minAvailable.getIntVal() != null && minAvailable.getIntVal() >= replicas && replicas > 1) {
                    bad.add("PodDisruptionBudget " + p.getMetadata().getName() + " never lets a pod of " + w + " go");
                }
            }
        }
        return bad;
    }

    /** Who may connect to whom, evaluated from the NetworkPolicies, against the data flow. */
    static List<String> networkPolicies(Manifests m, Map<String, Map<Integer, Set<String>>> expected) {
        List<String> bad = new ArrayList<>();
        List<NetworkPolicy> policies = m.all(NetworkPolicy.class);
        boolean defaultDeny = policies.stream().anyMatch(p -> p.getSpec().getPodSelector() != null
                && (p.getSpec().getPodSelector().getMatchLabels() == null || p.getSpec().getPodSelector().getMatchLabels().isEmpty())
                && (p.getSpec().getPodSelector().getMatchExpressions() == null || p.getSpec().getPodSelector().getMatchExpressions().isEmpty())
                && p.getSpec().getPolicyTypes() != null && p.getSpec().getPolicyTypes().contains("Ingress")
                && (p.getSpec().getIngress() == null || p.getSpec().getIngress().isEmpty()));
        if (!defaultDeny) {
            bad.add("no default-deny NetworkPolicy (every pod, Ingress, no rule)");
        }
        List<Selectors.Source> sources = new ArrayList<>();
        for (Manifests.Workload w : m.workloads()) {
            sources.add(new Selectors.Source(w.name(), w.podLabels(), null));
        }
        sources.add(new Selectors.Source("outside", Map.of("app", "anything"), Map.of("kubernetes.io/metadata.name", "elsewhere")));
        sources.add(new Selectors.Source("prometheus", Map.of("app", "prometheus"),
                Map.of("kubernetes.io/metadata.name", "monitoring", "dynamis.io/metrics", "true")));
        for (Manifests.Workload target : m.workloads()) {
            List<Container> containers = target.template().getSpec().getContainers();
            Map<Integer, Set<String>> want = expected.get(target.name());
            if (want == null) {
                bad.add("the test expects nothing about " + target + ": add it to the data flow");
                continue;
            }
            for (Container c : containers) {
                for (ContainerPort port : c.getPorts() == null ? List.<ContainerPort>of() : c.getPorts()) {
                    Set<String> allowed = new TreeSet<>();
                    for (Selectors.Source s : sources) {
                        if (Selectors.admits(policies, target.podLabels(), containers, s, port.getContainerPort())) {
                            allowed.add(s.name());
                        }
                    }
                    Set<String> wanted = new TreeSet<>(want.getOrDefault(port.getContainerPort(), Set.of()));
                    wanted.retainAll(sources.stream().map(Selectors.Source::name).toList());
                    if (!allowed.equals(wanted)) {
                        bad.add(target.name() + ":" + port.getContainerPort() + " is reachable from " + allowed
                                + ", the data flow wants " + wanted);
                    }
                }
            }
        }
        return bad;
    }

    /** Only the gateway is exposed beyond the cluster; every Service selects pods and names their ports. */
    static List<String> services(Manifests m) {
        List<String> bad = new ArrayList<>();
        for (Service s : m.all(Service.class)) {
            String type = s.getSpec().getType() == null ? "ClusterIP" : s.getSpec().getType();
            if (!type.equals("ClusterIP") && !s.getMetadata().getName().equals("api-gateway")) {
                bad.add("Service " + s.getMetadata().getName() + " is " + type + ": only api-gateway is the entry point");
            }
            List<Manifests.Workload> selected = m.workloads().stream()
                    .filter(w -> Selectors.matches(selector(s), w.podLabels())).toList();
            if (selected.isEmpty()) {
                bad.add("Service " + s.getMetadata().getName() + " selects no workload's pods");
            }
            for (ServicePort p : s.getSpec().getPorts()) {
                IntOrString target = p.getTargetPort() == null ? new IntOrString(p.getPort()) : p.getTargetPort();
                for (Manifests.Workload w : selected) {
                    boolean found = w.template().getSpec().getContainers().stream()
                            .anyMatch(c -> containerPort(c, target).isPresent());
                    if (!found) {
                        bad.add("Service " + s.getMetadata().getName() + " port " + p.getPort() + " targets " + target
                                + ", no port of " + w);
                    }
                }
            }
        }
        return bad;
    }

    static io.fabric8.kubernetes.api.model.LabelSelector selector(Service s) {
        return new io.fabric8.kubernetes.api.model.LabelSelector(null,
                s.getSpec().getSelector() == null ? Map.of() : s.getSpec().getSelector());
    }

    /** The settings every container gets: its ConfigMaps (envFrom) and its literal env. */
    static Map<String, String> settings(Manifests m, Container c) {
        Map<String, String> settings = new LinkedHashMap<>();
        for (EnvFromSource from : c.getEnvFrom() == null ? List.<EnvFromSource>of() : c.getEnvFrom()) {
            if (from.getConfigMapRef() != null) {
                m.find(ConfigMap.class, from.getConfigMapRef().getName())
                        .ifPresent(cm -> settings.putAll(cm.getData() == null ? Map.of() : cm.getData()));
            }
        }
        for (EnvVar env : c.getEnv() == null ? List.<EnvVar>of() : c.getEnv()) {
            if (env.getValue() != null) {
                settings.put(env.getName(), env.getValue());
            }
        }
        return settings;
    }

    /** Every ConfigMap a container reads exists; every service URL and broker address is a Service's port. */
    static List<String> addresses(Manifests m) {
        List<String> bad = new ArrayList<>();
        for (Manifests.Workload w : m.workloads()) {
            for (Container c : w.template().getSpec().getContainers()) {
                for (EnvFromSource from : c.getEnvFrom() == null ? List.<EnvFromSource>of() : c.getEnvFrom()) {
                    if (from.getConfigMapRef() != null && m.find(ConfigMap.class, from.getConfigMapRef().getName()).isEmpty()) {
                        bad.add(w + " reads ConfigMap " + from.getConfigMapRef().getName() + ", which does not exist");
                    }
                }
                for (Map.Entry<String, String> s : settings(m, c).entrySet()) {
                    List<String[]> targets = new ArrayList<>();
                    Matcher url = URL.matcher(s.getValue());
                    while (url.find()) {
                        targets.add(new String[] {url.group(1) + (url.group(2) == null ? "" : url.group(2)), url.group(3)});
                    }
                    if (s.getKey().equals("KAFKA_BOOTSTRAP_SERVERS")) {
                        for (String server : s.getValue().split(",")) {
                            Matcher hp = HOST_PORT.matcher(server.trim());
                            if (!hp.matches()) {
                                bad.add(w + ": KAFKA_BOOTSTRAP_SERVERS " + s.getValue() + " is not host:port");
                            } else {
                                targets.add(new String[] {hp.group(1), hp.group(2)});
                            }
                        }
                    }
                    for (String[] t : targets) {
                        Optional<Service> service = service(m, t[0]);
                        if (service.isEmpty() || service.get().getSpec().getPorts().stream()
                                .noneMatch(p -> String.valueOf(p.getPort()).equals(t[1]))) {
                            bad.add(w + ": " + s.getKey() + " points at " + t[0] + ":" + t[1] + ", no Service port");
                        }
                    }
                }
            }
        }
        return bad;
    }

    /**
     * The Service a host name of the namespace resolves to: {@code <service>}, or {@code <pod>.<service>} for
     * a pod of a StatefulSet governed by that headless Service ({@code item-service-2.item-service-pods}: pod
     * ordinal 2, below the StatefulSet's replicas); nothing for any other name.
     */
    static Optional<Service> service(Manifests m, String host) {
        String[] labels = host.split("\\.");
        if (labels.length == 1) {
            return m.find(Service.class, host);
        }
        if (labels.length != 2) {
            return Optional.empty();
        }
        Optional<Service> governing = m.find(Service.class, labels[1]).filter(s -> "None".equals(s.getSpec().getClusterIP()));
        boolean isPod = governing.isPresent() && m.workloads().stream().anyMatch(w -> labels[1].equals(w.serviceName())
                && labels[0].matches(Pattern.quote(w.name()) + "-(0|[1-9][0-9]{0,5})")
                && Integer.parseInt(labels[0].substring(w.name().length() + 1)) < w.replicaCount()
                && Selectors.matches(selector(governing.get()), w.podLabels()));
        return isPod ? governing : Optional.empty();
    }

    /** No secret in a ConfigMap: no key named like one, no key material. */
    static List<String> configMaps(Manifests m) {
        List<String> bad = new ArrayList<>();
        for (ConfigMap cm : m.all(ConfigMap.class)) {
            Map<String, String> data = cm.getData() == null ? Map.of() : cm.getData();
            for (Map.Entry<String, String> e : data.entrySet()) {
                if (SECRET_NAME.matcher(e.getKey()).matches()) {
                    bad.add("ConfigMap " + cm.getMetadata().getName() + " holds " + e.getKey() + ": a Secret's job");
                }
                if (e.getValue().contains("-----BEGIN") || e.getValue().matches("(?is).*(password|secret|token)\\s*[=:]\\s*\\S+.*")) {
                    bad.add("ConfigMap " + cm.getMetadata().getName() + " key " + e.getKey() + " holds what looks like a credential");
                }
            }
            if (cm.getBinaryData() != null && !cm.getBinaryData().isEmpty()) {
                bad.add("ConfigMap " + cm.getMetadata().getName() + " has binaryData");
            }
        }
        return bad;
    }

    /** The Secrets a workload reads, by name. */
    static Set<String> secretsRead(Manifests m) {
        Set<String> names = new TreeSet<>();
        for (Manifests.Workload w : m.workloads()) {
            for (Container c : w.template().getSpec().getContainers()) {
                for (EnvVar env : c.getEnv() == null ? List.<EnvVar>of() : c.getEnv()) {
                    if (env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null) {
                        names.add(env.getValueFrom().getSecretKeyRef().getName());
                    }
                }
            }
        }
        return names;
    }

    static List<Secret> secrets(Manifests m) {
        return m.all(Secret.class);
    }
}
