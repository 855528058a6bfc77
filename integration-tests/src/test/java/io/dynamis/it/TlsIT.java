package io.dynamis.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.Map;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * HTTPS on both gateway ports, on a stack of its own started with {@code DYNAMIS_TLS=1} (a self-signed
 * pair the launcher makes) in verify mode: the SDK, trusting that certificate, works on the DynamoDB and
 * the accelerator endpoints; plain HTTP is refused.
 */
@OwnStackOnly
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TlsIT {

    private static final AwsBasicCredentials ROOT = AwsBasicCredentials.create("AKIATLSROOT000000001", "tls-root-secret");

    private DynamisStack stack;

    @BeforeAll
    void start() {
        Assumptions.assumeTrue(System.getProperty("dynamis.it.endpoint", "").isBlank(), "needs a stack of its own");
        stack = DynamisStack.ownStack("tls", Map.of("DYNAMIS_TLS", "1", "DYNAMIS_AUTH", "verify",
                "DYNAMIS_ROOT_ACCESS_KEY_ID", ROOT.accessKeyId(), "DYNAMIS_ROOT_SECRET_ACCESS_KEY", ROOT.secretAccessKey(),
                "DYNAMIS_GATEWAY_ADMIN_PASSWORD", "not-the-default"));
        stack.stop();
        stack.start();
    }

    @AfterAll
    void stop() {
        if (stack != null) {
            stack.stop();
        }
    }

    private DynamoDbClient client(String scheme, int port, boolean trustTheCertificate) throws Exception {
        UrlConnectionHttpClient.Builder http = UrlConnectionHttpClient.builder();
        if (trustTheCertificate) {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            try (InputStream pem = Files.newInputStream(stack.dataDir().resolve("tls/cert.pem"))) {
                trusted.setCertificateEntry("dynamis", CertificateFactory.getInstance("X.509").generateCertificate(pem));
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trusted);
            http.tlsTrustManagersProvider(factory::getTrustManagers);
        }
        return DynamoDbClient.builder().endpointOverride(URI.create(scheme + "://127.0.0.1:" + port))
                .region(Region.US_EAST_1).credentialsProvider(StaticCredentialsProvider.create(ROOT))
                .httpClient(http.build()).build();
    }

    @Test
    void bothPortsServeHttpsAndRefusePlainHttp() throws Exception {
        assertTrue(Files.exists(Path.of(stack.dataDir().toString(), "tls", "key.pem")));
        try (DynamoDbClient dynamodb = client("https", stack.gatewayPort(), true);
                DynamoDbClient accelerator = client("https", stack.acceleratorPort(), true)) {
            String table = Tables.createHashRangeTable(dynamodb, "tls");
            dynamodb.putItem(b -> b.tableName(table).item(Map.of("pk", AttributeValue.fromS("a"), "sk", AttributeValue.fromN("1"))));
            assertEquals(1, accelerator.scan(b -> b.tableName(table)).count());
        }
        try (DynamoDbClient untrusting = client("https", stack.gatewayPort(), false);
                DynamoDbClient plain = client("http", stack.gatewayPort(), false)) {
            assertThrows(SdkClientException.class, untrusting::listTables, "a self-signed certificate is not trusted by default");
            assertThrows(SdkClientException.class, plain::listTables, "plain HTTP is refused");
        }
    }
}
