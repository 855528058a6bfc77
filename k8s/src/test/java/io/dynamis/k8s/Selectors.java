package io.dynamis.k8s;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.util.List;
import java.util.Map;

/** Label selectors and NetworkPolicy ingress, evaluated as the Kubernetes API defines them. */
final class Selectors {

    private Selectors() {
    }

    /** Whether a selector selects these labels (an empty selector selects everything; null nothing). */
    static boolean matches(LabelSelector selector, Map<String, String> labels) {
        if (selector == null) {
            return false;
        }
        if (selector.getMatchLabels() != null) {
            for (Map.Entry<String, String> e : selector.getMatchLabels().entrySet()) {
                if (!e.getValue().equals(labels.get(e.getKey()))) {
                    return false;
                }
            }
        }
        if (selector.getMatchExpressions() != null) {
            for (LabelSelectorRequirement r : selector.getMatchExpressions()) {
                String value = labels.get(r.getKey());
                boolean ok = switch (r.getOperator()) {
                    case "In" -> value != null && r.getValues().contains(value);
                    case "NotIn" -> value == null || !r.getValues().contains(value);
                    case "Exists" -> value != null;
                    case "DoesNotExist" -> value == null;
                    default -> throw new AssertionError("unknown selector operator " + r.getOperator());
                };
                if (!ok) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Where a connection comes from: a pod's labels, and its namespace's labels (null: the policies' own namespace). */
    record Source(String name, Map<String, String> podLabels, Map<String, String> namespaceLabels) {
        boolean sameNamespace() {
            return namespaceLabels == null;
        }
    }

    /**
     * Whether the policies let {@code source} connect to {@code port} of a pod with these labels and
     * containers: a pod no Ingress policy selects takes anything; otherwise some rule of a policy
     * selecting it must admit both the source and the port.
     */
    static boolean admits(List<NetworkPolicy> policies, Map<String, String> podLabels, List<Container> containers,
            Source source, int port) {
        List<NetworkPolicy> selecting = policies.stream()
                .filter(p -> p.getSpec().getPolicyTypes() == null || p.getSpec().getPolicyTypes().contains("Ingress"))
                .filter(p -> matches(p.getSpec().getPodSelector(), podLabels))
                .toList();
        if (selecting.isEmpty()) {
            return true;
        }
        for (NetworkPolicy policy : selecting) {
            List<NetworkPolicyIngressRule> rules = policy.getSpec().getIngress();
            if (rules == null) {
                continue;
            }
            for (NetworkPolicyIngressRule rule : rules) {
                if (admitsSource(rule.getFrom(), source) && admitsPort(rule.getPorts(), containers, port)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean admitsSource(List<NetworkPolicyPeer> from, Source source) {
        if (from == null || from.isEmpty()) {
            return true;
        }
        for (NetworkPolicyPeer peer : from) {
            if (peer.getIpBlock() != null) {
                throw new AssertionError("ipBlock peers are not evaluated by this test; add them to Selectors first");
            }
            boolean namespaceOk = peer.getNamespaceSelector() == null
                    ? source.sameNamespace()
                    : matches(peer.getNamespaceSelector(), source.sameNamespace()
                            ? Map.of("kubernetes.io/metadata.name", "dynamis") : source.namespaceLabels());
            boolean podOk = peer.getPodSelector() == null || matches(peer.getPodSelector(), source.podLabels());
            if (namespaceOk && podOk) {
                return true;
            }
        }
        return false;
    }

    private static boolean admitsPort(List<NetworkPolicyPort> ports, List<Container> containers, int port) {
        if (ports == null || ports.isEmpty()) {
            return true;
        }
        for (NetworkPolicyPort p : ports) {
            if (p.getProtocol() != null && !"TCP".equals(p.getProtocol())) {
                continue;
            }
            IntOrString value = p.getPort();
            if (value == null) {
                return true;
            }
            if (value.getIntVal() != null) {
                int end = p.getEndPort() == null ? value.getIntVal() : p.getEndPort();
                if (port >= value.getIntVal() && port <= end) {
                    return true;
                }
            } else {
                for (Container c : containers) {
                    for (ContainerPort cp : c.getPorts() == null ? List.<ContainerPort>of() : c.getPorts()) {
                        if (value.getStrVal().equals(cp.getName()) && cp.getContainerPort() == port) {
                            return true;
                        }
                    }
                }
            }
        }
        return false;
    }
}
