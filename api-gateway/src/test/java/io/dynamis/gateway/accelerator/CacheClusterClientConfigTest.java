package io.dynamis.gateway.accelerator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.client.config.ClientConfig;
import io.dynamis.gateway.config.GatewayConfig;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CacheClusterClientConfigTest {

    @Test
    void theClientCollectsNoStatisticsOfItsOwnAndStartsWithoutWaitingForTheCluster() {
        ClientConfig client = CacheClusterClient.clientConfig(accelerator(GatewayConfig.Join.TCP_IP));

        assertFalse(client.getMetricsConfig().isEnabled(), "the client's metrics cost CPU every 5 s while idle");
        assertTrue(client.getConnectionStrategyConfig().isAsyncStart());
        assertEquals(List.of("127.0.0.1:5701"), client.getNetworkConfig().getAddresses());
        assertEquals("dynamis-cache", client.getClusterName());
    }

    @Test
    void kubernetesDiscoveryFindsTheMembersByService() {
        ClientConfig client = CacheClusterClient.clientConfig(accelerator(GatewayConfig.Join.KUBERNETES));

        assertTrue(client.getNetworkConfig().getKubernetesConfig().isEnabled());
        assertEquals("cache", client.getNetworkConfig().getKubernetesConfig().getProperty("service-name"));
    }

    private static GatewayConfig.Accelerator accelerator(GatewayConfig.Join join) {
        return new GatewayConfig.Accelerator() {
            @Override public boolean localHits() { return true; }
            @Override public String clusterName() { return "dynamis-cache"; }
            @Override public GatewayConfig.Join join() { return join; }
            @Override public List<String> clusterMembers() { return List.of("127.0.0.1:5701"); }
            @Override public Optional<String> kubernetesServiceName() { return Optional.of("cache"); }
            @Override public Optional<String> kubernetesNamespace() { return Optional.empty(); }
            @Override public int nearCacheEntries() { return 100; }
        };
    }
}
