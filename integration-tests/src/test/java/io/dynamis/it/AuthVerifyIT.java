package io.dynamis.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import io.dynamis.core.protocol.InternalAuth;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Verify mode end to end, with the real AWS SDK for Java v2 against a stack of its own started by
 * {@code ./dynamis start} with {@code DYNAMIS_AUTH=verify} and a root key: signatures are verified
 * (wrong secret, unknown key, expired, future, tampered, unsigned and expired presigned requests are each
 * refused with DynamoDB's error; a presigned GetItem and temporary credentials work), and a principal's
 * IAM policy is enforced (alice may only read some attributes of her own partition, on both endpoints;
 * an explicit deny wins; a deleted principal is refused within a second on every gateway: in the services
 * run the stack has two, and a deletion through the second is seen by the first).
 */
@OwnStackOnly
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthVerifyIT {

    private static final String ROOT_KEY = "DYNAMISROOTKEY0001";
    private static final String ROOT_SECRET = "root-secret-for-the-auth-it/0123456789";
    private static final String MISMATCH = "The request signature we calculated does not match the signature you"
            + " provided. Check your AWS Secret Access Key and signing method. Consult the service documentation"
            + " for details.";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private DynamisStack stack;
    private DynamoDbClient root;
    private String table;
    /** The access key id and secret of each principal {@link #allowedEverything} made. */
    private final Map<String, String[]> principalKeys = new java.util.concurrent.ConcurrentHashMap<>();

    @BeforeAll
    void startInVerifyMode() {
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getProperty("dynamis.it.endpoint", "").isBlank(),
                "needs a stack of its own");
        Map<String, String> settings = new java.util.HashMap<>(Map.of("DYNAMIS_AUTH", "verify",
                "DYNAMIS_ROOT_ACCESS_KEY_ID", ROOT_KEY, "DYNAMIS_ROOT_SECRET_ACCESS_KEY", ROOT_SECRET,
                "DYNAMIS_GATEWAY_ADMIN_PASSWORD", "not-the-default"));
        if ("services".equals(System.getProperty("dynamis.it.topology"))) {
            settings.put("DYNAMIS_GATEWAYS", "2"); // the services run: two gateways in front of one item-service
        }
        stack = DynamisStack.ownStack("auth", settings);
        stack.stop();
        stack.start();
        root = stack.client(stack.endpoint(), AwsBasicCredentials.create(ROOT_KEY, ROOT_SECRET));
        table = Tables.createHashRangeTable(root, "auth");
        for (String artist : List.of("alice", "bob")) {
            root.putItem(b -> b.tableName(table).item(Map.of("pk", s(artist), "sk", n("1"), "Album", s(artist + "'s album"),
                    "Price", n("9"))));
        }
    }

    @AfterAll
    void stop() {
        if (root != null) {
            root.close();
        }
        if (stack != null) {
            stack.stop();
        }
    }

    // ---- refusing to start ----

    @Test
    void verifyModeWithTheDefaultAdminPasswordDoesNotStartAndTheLauncherSaysWhyLast() {
        DynamisStack refused = DynamisStack.ownStack("auth-refused", Map.of("DYNAMIS_AUTH", "verify",
                "DYNAMIS_ROOT_ACCESS_KEY_ID", ROOT_KEY, "DYNAMIS_ROOT_SECRET_ACCESS_KEY", ROOT_SECRET,
                "DYNAMIS_GATEWAY_ADMIN_PASSWORD", "admin"));
        try {
            IllegalStateException failed = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                    refused::start);
            List<String> lines = failed.getMessage().lines().toList();
            int because = -1;
            int lastStackLine = -1;
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).contains(" could not start: dynamis.auth.mode=verify refuses the admin API's default"
                        + " password: set DYNAMIS_GATEWAY_ADMIN_PASSWORD")) {
                    because = i;
                }
                if (lines.get(i).startsWith("\tat ") || lines.get(i).startsWith("Caused by: ")) {
                    lastStackLine = i;
                }
            }
            assertTrue(because >= 0, failed.getMessage());
            assertFalse(failed.getMessage().contains("No such file"), failed.getMessage()); // a fresh data folder has no log yet
            assertTrue(because > lastStackLine, "the cause comes after the log's stack trace:\n" + failed.getMessage());
        } finally {
            refused.stop();
        }
    }

    // ---- signatures ----

    @Test
    void theRootKeyWorksAndAWrongSecretOrAnUnknownKeyDoNot() {
        assertTrue(root.listTables().tableNames().contains(table));
        try (DynamoDbClient wrongSecret = stack.client(stack.endpoint(), AwsBasicCredentials.create(ROOT_KEY, "wrong"))) {
            Errors.expect(DynamoDbException.class, "InvalidSignatureException", MISMATCH, wrongSecret::listTables);
        }
        try (DynamoDbClient unknown = stack.client(stack.endpoint(), AwsBasicCredentials.create("AKIANOBODY", ROOT_SECRET))) {
            Errors.expect(DynamoDbException.class, "UnrecognizedClientException",
                    "The security token included in the request is invalid.", unknown::listTables);
        }
    }

    @Test
    void expiredAndFutureSignaturesAreRefusedWithBothTimes() throws Exception {
        byte[] body = getItemBody("alice", null);
        JsonNode expired = error(send(signed("GetItem", body, Instant.now().minus(Duration.ofMinutes(20))), body));
        assertEquals("com.amazon.coral.service#InvalidSignatureException", expired.path("__type").asText());
        assertTrue(expired.path("message").asText().matches(
                "Signature expired: \\d{8}T\\d{6}Z is now earlier than \\d{8}T\\d{6}Z \\(\\d{8}T\\d{6}Z - 15 min\\.\\)"),
                expired.toString());
        JsonNode future = error(send(signed("GetItem", body, Instant.now().plus(Duration.ofMinutes(20))), body));
        assertTrue(future.path("message").asText().matches(
                "Signature not yet current: \\d{8}T\\d{6}Z is still later than \\d{8}T\\d{6}Z \\(\\d{8}T\\d{6}Z \\+ 15 min\\.\\)"),
                future.toString());
        // within the skew either way, the same request is served
        assertEquals(200, send(signed("GetItem", body, Instant.now().minus(Duration.ofMinutes(10))), body).statusCode());
    }

    @Test
    void aTamperedBodyAndAMissingSignatureAreRefused() throws Exception {
        byte[] signedBody = getItemBody("alice", null);
        HttpResponse<String> tampered = send(signed("GetItem", signedBody, Instant.now()), getItemBody("bob", null));
        assertEquals(400, tampered.statusCode());
        assertEquals(MISMATCH, error(tampered).path("message").asText());

        HttpRequest.Builder unsigned = HttpRequest.newBuilder(stack.endpoint())
                .header("Content-Type", "application/x-amz-json-1.0")
                .header("X-Amz-Target", "DynamoDB_20120810.ListTables")
                .POST(HttpRequest.BodyPublishers.ofString("{}"));
        JsonNode missing = error(http.send(unsigned.build(), HttpResponse.BodyHandlers.ofString()));
        assertEquals("com.amazon.coral.service#MissingAuthenticationTokenException", missing.path("__type").asText());
        assertEquals("Request is missing Authentication Token", missing.path("message").asText());
    }

    @Test
    void aPresignedGetItemWorksUntilItExpires() throws Exception {
        byte[] body = getItemBody("alice", null);
        HttpResponse<String> fresh = send(presigned("GetItem", body, Instant.now(), Duration.ofMinutes(5)), body);
        assertEquals(200, fresh.statusCode(), fresh.body());
        assertEquals("alice's album", JSON.readTree(fresh.body()).path("Item").path("Album").path("S").asText());

        HttpResponse<String> expired = send(presigned("GetItem", body, Instant.now().minus(Duration.ofMinutes(6)),
                Duration.ofMinutes(5)), body);
        JsonNode error = error(expired);
        assertEquals("com.amazon.coral.service#InvalidSignatureException", error.path("__type").asText());
        assertTrue(error.path("message").asText().startsWith("Signature expired: "), error.toString());
    }

    // ---- policies ----

    private static final String ALICE_POLICY = """
            {"Version":"2012-10-17","Statement":[
              {"Effect":"Allow","Action":["dynamodb:GetItem","dynamodb:Query","dynamodb:BatchGetItem"],
               "Resource":["arn:aws:dynamodb:*:*:table/%s"],
               "Condition":{"ForAllValues:StringEquals":{"dynamodb:LeadingKeys":["${aws:username}"],
                                                         "dynamodb:Attributes":["pk","sk","Album"]},
                            "StringEqualsIfExists":{"dynamodb:Select":"SPECIFIC_ATTRIBUTES"}}},
              {"Effect":"Allow","Action":"dynamodb:DescribeTable","Resource":"*"},
              {"Effect":"Deny","Action":"dynamodb:DescribeTable","Resource":"arn:aws:dynamodb:*:*:table/%s"}]}""";

    @Test
    void aliceReadsOnlySomeAttributesOfHerOwnPartition() throws Exception {
        JsonNode alice = createPrincipal("alice");
        putPolicy("alice", ALICE_POLICY.formatted(table, table));
        String arn = alice.path("arn").asText();
        assertEquals("arn:aws:iam::000000000000:user/alice", arn);
        String tableArn = "arn:aws:dynamodb:us-east-1:000000000000:table/" + table;
        AwsBasicCredentials credentials = AwsBasicCredentials.create(alice.path("accessKeyId").asText(),
                alice.path("secretAccessKey").asText());
        try (DynamoDbClient client = stack.client(stack.endpoint(), credentials);
                DynamoDbClient accelerator = stack.client(URI.create("http://127.0.0.1:" + stack.acceleratorPort()), credentials)) {
            assertEquals("alice's album", client.getItem(b -> b.tableName(table).key(key("alice"))
                    .projectionExpression("Album")).item().get("Album").s());
            assertEquals(1, client.query(b -> b.tableName(table).keyConditionExpression("pk = :p")
                    .expressionAttributeValues(Map.of(":p", s("alice"))).projectionExpression("Album, sk")).count());

            Errors.expect(DynamoDbException.class, "AccessDeniedException", "User: " + arn
                    + " is not authorized to perform: dynamodb:GetItem on resource: " + tableArn
                    + " because no identity-based policy allows the dynamodb:GetItem action",
                    () -> client.getItem(b -> b.tableName(table).key(key("bob")).projectionExpression("Album")));
            denied(() -> client.getItem(b -> b.tableName(table).key(key("alice")).projectionExpression("Price")));
            denied(() -> client.getItem(b -> b.tableName(table).key(key("alice"))));
            denied(() -> client.query(b -> b.tableName(table).keyConditionExpression("pk = :p")
                    .expressionAttributeValues(Map.of(":p", s("bob"))).projectionExpression("Album")));
            denied(() -> client.scan(b -> b.tableName(table).projectionExpression("Album")));
            denied(() -> client.putItem(b -> b.tableName(table).item(Map.of("pk", s("alice"), "sk", n("2")))));
            denied(() -> client.batchGetItem(b -> b.requestItems(Map.of(table, KeysAndAttributes.builder()
                    .keys(key("alice"), key("bob")).projectionExpression("Album").build()))));
            assertEquals(1, client.batchGetItem(b -> b.requestItems(Map.of(table, KeysAndAttributes.builder()
                    .keys(key("alice")).projectionExpression("Album").build()))).responses().get(table).size());

            // the accelerator endpoint applies the same policy
            assertEquals("alice's album", accelerator.getItem(b -> b.tableName(table).key(key("alice"))
                    .projectionExpression("Album")).item().get("Album").s());
            denied(() -> accelerator.getItem(b -> b.tableName(table).key(key("bob")).projectionExpression("Album")));

            // an explicit deny beats the allow of every table
            Errors.expect(DynamoDbException.class, "AccessDeniedException", "User: " + arn
                    + " is not authorized to perform: dynamodb:DescribeTable on resource: " + tableArn
                    + " with an explicit deny in an identity-based policy",
                    () -> client.describeTable(b -> b.tableName(table)));
        }
        // temporary credentials of alice carry her policy
        JsonNode session = post("/admin/principals/alice/sessions", "{\"durationSeconds\":900}", 201);
        assertTrue(session.path("accessKeyId").asText().startsWith("ASIA"));
        try (DynamoDbClient temporary = stack.client(stack.endpoint(), AwsSessionCredentials.create(
                session.path("accessKeyId").asText(), session.path("secretAccessKey").asText(),
                session.path("sessionToken").asText()))) {
            assertEquals("alice's album", temporary.getItem(b -> b.tableName(table).key(key("alice"))
                    .projectionExpression("Album")).item().get("Album").s());
            denied(() -> temporary.getItem(b -> b.tableName(table).key(key("bob")).projectionExpression("Album")));
        }
        try (DynamoDbClient withoutToken = stack.client(stack.endpoint(), AwsBasicCredentials.create(
                session.path("accessKeyId").asText(), session.path("secretAccessKey").asText()))) {
            Errors.expect(DynamoDbException.class, "UnrecognizedClientException",
                    "The security token included in the request is invalid.",
                    () -> withoutToken.getItem(b -> b.tableName(table).key(key("alice")).projectionExpression("Album")));
        }
    }

    @Test
    void aDeletedPrincipalIsRefusedAtOnceOnItsGatewayAndWithinASecondOnAnother() throws Exception {
        // deleted through this gateway's admin API: refused by the next request
        try (DynamoDbClient client = allowedEverything("carol")) {
            assertTrue(client.listTables().tableNames().contains(table));
            admin("DELETE", "/admin/principals/carol", null, 204);
            Errors.expect(DynamoDbException.class, "UnrecognizedClientException",
                    "The security token included in the request is invalid.", client::listTables);
        }
        assertEquals(404, adminStatus("GET", "/admin/principals/carol"));
        List<String> names = JSON.readTree(adminBody("GET", "/admin/principals")).path("principals")
                .findValuesAsText("name");
        assertFalse(names.contains("carol"), names.toString());

        // deleted by another gateway: the second gateway's admin API when the stack runs two (the services
        // run), else straight at item-service, which keeps the principals, as any gateway does: this
        // gateway, which did not take part, refuses the key within a second
        try (DynamoDbClient client = allowedEverything("erin")) {
            assertTrue(client.listTables().tableNames().contains(table));
            if (stack.gateways() > 1) {
                try (DynamoDbClient onTheOther = stack.client(stack.gatewayEndpoint(1), AwsBasicCredentials.create(
                        principalKeys.get("erin")[0], principalKeys.get("erin")[1]))) {
                    // the second gateway learns of erin and her policy within its reload interval
                    long deadline = System.nanoTime() + 3_000_000_000L;
                    while (true) {
                        try {
                            assertTrue(onTheOther.listTables().tableNames().contains(table));
                            break;
                        } catch (DynamoDbException e) {
                            if (System.nanoTime() > deadline) {
                                throw e;
                            }
                            Thread.sleep(50);
                        }
                    }
                    HttpResponse<String> deleted = adminCall(stack.gatewayEndpoint(1), "DELETE", "/admin/principals/erin",
                            null, ROOT_KEY + ":" + ROOT_SECRET);
                    assertEquals(204, deleted.statusCode(), deleted.body());
                    Errors.expect(DynamoDbException.class, "UnrecognizedClientException",
                            "The security token included in the request is invalid.", onTheOther::listTables);
                }
            } else {
                URI itemService = stack.topology() == DynamisStack.Topology.ONE ? URI.create(stack.endpoint() + "/internal/item")
                        : URI.create("http://127.0.0.1:" + stack.port("item-service") + "/");
                HttpResponse<String> deleted = http.send(HttpRequest.newBuilder(itemService)
                        .header("X-Amz-Target", "DynamoDB_20120810.DynamisDeletePrincipal")
                        .header(InternalAuth.HEADER, InternalAuth.derive(ROOT_SECRET))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"Name\":\"erin\"}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, deleted.statusCode(), deleted.body());
            }
            long start = System.nanoTime();
            long refusedAfter = -1;
            for (int i = 0; i < 100 && refusedAfter < 0; i++) {
                try {
                    client.listTables();
                    Thread.sleep(20);
                } catch (DynamoDbException e) {
                    assertEquals("UnrecognizedClientException", e.awsErrorDetails().errorCode());
                    refusedAfter = (System.nanoTime() - start) / 1_000_000;
                }
            }
            assertTrue(refusedAfter >= 0 && refusedAfter < 1000, "refused after " + refusedAfter + " ms");
        }
    }

    @Test
    void aTablesResourcePolicyAllowsAPrincipalWithoutAnIdentityPolicyAndItsDenyBeatsAnIdentityAllow() throws Exception {
        String rbac = Tables.createHashRangeTable(root, "rbac");
        root.putItem(b -> b.tableName(rbac).item(Map.of("pk", s("alice"), "sk", n("1"), "Album", s("a"))));
        String tableArn = "arn:aws:dynamodb:us-east-1:000000000000:table/" + rbac;
        JsonNode frank = createPrincipal("frank"); // no identity policy at all
        String frankArn = frank.path("arn").asText();
        String graceArn = "arn:aws:iam::000000000000:user/grace";
        try (DynamoDbClient grace = allowedEverything("grace");
                DynamoDbClient client = stack.client(stack.endpoint(), AwsBasicCredentials.create(
                        frank.path("accessKeyId").asText(), frank.path("secretAccessKey").asText()))) {
            // without a resource policy: frank may do nothing, grace everything
            Errors.expect(DynamoDbException.class, "AccessDeniedException", "User: " + frankArn
                    + " is not authorized to perform: dynamodb:GetItem on resource: " + tableArn
                    + " because no identity-based policy allows the dynamodb:GetItem action",
                    () -> client.getItem(b -> b.tableName(rbac).key(key("alice"))));
            assertEquals("a", grace.getItem(b -> b.tableName(rbac).key(key("alice"))).item().get("Album").s());

            root.putResourcePolicy(b -> b.resourceArn(tableArn).policy("""
                    {"Version":"2012-10-17","Statement":[
                      {"Effect":"Allow","Principal":{"AWS":"%s"},"Action":["dynamodb:GetItem","dynamodb:DescribeTable"],
                       "Resource":"%s"},
                      {"Effect":"Deny","Principal":{"AWS":["%s"]},"Action":"dynamodb:GetItem","Resource":"%s"}]}"""
                    .formatted(frankArn, tableArn, graceArn, tableArn)));
            // gateways read a table's policy again within a second
            long deadline = System.nanoTime() + 3_000_000_000L;
            while (true) {
                try {
                    assertEquals("a", client.getItem(b -> b.tableName(rbac).key(key("alice"))).item().get("Album").s());
                    break;
                } catch (DynamoDbException e) {
                    if (System.nanoTime() > deadline) {
                        throw e;
                    }
                    Thread.sleep(100);
                }
            }
            assertEquals(rbac, client.describeTable(b -> b.tableName(rbac)).table().tableName());
            denied(() -> client.scan(b -> b.tableName(rbac)));
            denied(() -> client.putItem(b -> b.tableName(rbac).item(key("frank"))));
            Errors.expect(DynamoDbException.class, "AccessDeniedException", "User: " + graceArn
                    + " is not authorized to perform: dynamodb:GetItem on resource: " + tableArn
                    + " with an explicit deny in a resource-based policy",
                    () -> grace.getItem(b -> b.tableName(rbac).key(key("alice"))));
            grace.putItem(b -> b.tableName(rbac).item(key("grace"))); // what the resource policy does not deny

            root.deleteResourcePolicy(b -> b.resourceArn(tableArn));
            Thread.sleep(1_200);
            denied(() -> client.getItem(b -> b.tableName(rbac).key(key("alice"))));
            assertEquals("a", grace.getItem(b -> b.tableName(rbac).key(key("alice"))).item().get("Album").s());
        }
    }

    @Test
    void aPrincipalAllowedOneTablesStreamReadsItAndIsRefusedOnAnothers() throws Exception {
        String mine = Tables.createHashRangeTable(root, "mine", b -> b.streamSpecification(st -> st.streamEnabled(true)
                .streamViewType(StreamViewType.NEW_IMAGE)));
        String other = Tables.createHashRangeTable(root, "other", b -> b.streamSpecification(st -> st.streamEnabled(true)
                .streamViewType(StreamViewType.NEW_IMAGE)));
        root.putItem(b -> b.tableName(mine).item(Map.of("pk", s("sam"), "sk", n("1"))));
        root.putItem(b -> b.tableName(other).item(Map.of("pk", s("sam"), "sk", n("1"))));
        String myStream = root.describeTable(b -> b.tableName(mine)).table().latestStreamArn();
        String otherStream = root.describeTable(b -> b.tableName(other)).table().latestStreamArn();
        JsonNode sam = createPrincipal("sam");
        putPolicy("sam", """
                {"Version":"2012-10-17","Statement":{"Effect":"Allow",
                 "Action":["dynamodb:DescribeStream","dynamodb:GetShardIterator","dynamodb:GetRecords"],
                 "Resource":"arn:aws:dynamodb:*:*:table/%s/stream/*"}}""".formatted(mine));
        String samArn = sam.path("arn").asText();
        AwsBasicCredentials credentials = AwsBasicCredentials.create(sam.path("accessKeyId").asText(),
                sam.path("secretAccessKey").asText());
        try (DynamoDbStreamsClient streams = stack.streamsClient(credentials);
                DynamoDbStreamsClient rootStreams = stack.streamsClient(AwsBasicCredentials.create(ROOT_KEY, ROOT_SECRET));
                DynamoDbClient client = stack.client(stack.endpoint(), credentials)) {
            // his own table's stream: described, iterated and read (the item is in one of its shards, one per
            // item-service shard); the new key and policy reach every process that verifies within a moment
            // (each refreshes what it knows of principals), so the first reads may still be refused
            List<Record> records = new ArrayList<>();
            long deadline = System.nanoTime() + 5_000_000_000L;
            for (int i = 0; i < 50 && records.isEmpty() && System.nanoTime() < deadline; i++) {
                try {
                    for (var shard : streams.describeStream(b -> b.streamArn(myStream)).streamDescription().shards()) {
                        String iterator = streams.getShardIterator(b -> b.streamArn(myStream).shardId(shard.shardId())
                                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
                        records.addAll(streams.getRecords(b -> b.shardIterator(iterator)).records());
                    }
                } catch (DynamoDbException e) {
                    String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
                    if (!code.equals("UnrecognizedClientException") && !code.equals("AccessDeniedException")) {
                        throw e;
                    }
                    records.clear();
                }
                if (records.isEmpty()) {
                    Thread.sleep(100);
                }
            }
            assertFalse(records.isEmpty(), "sam's record in his table's stream");
            assertEquals("sam", records.get(0).dynamodb().keys().get("pk").s());
            // not the table itself
            denied(() -> client.getItem(b -> b.tableName(mine).key(Map.of("pk", s("sam"), "sk", n("1")))));

            // another table's stream: refused for each of the three, with the stream's ARN as the resource
            Errors.expect(DynamoDbException.class, "AccessDeniedException", "User: " + samArn
                    + " is not authorized to perform: dynamodb:DescribeStream on resource: " + otherStream
                    + " because no identity-based policy allows the dynamodb:DescribeStream action",
                    () -> streams.describeStream(b -> b.streamArn(otherStream)));
            String otherShard = rootStreams.describeStream(b -> b.streamArn(otherStream)).streamDescription().shards()
                    .get(0).shardId();
            Errors.expect(DynamoDbException.class, "AccessDeniedException", "User: " + samArn
                    + " is not authorized to perform: dynamodb:GetShardIterator on resource: " + otherStream
                    + " because no identity-based policy allows the dynamodb:GetShardIterator action",
                    () -> streams.getShardIterator(b -> b.streamArn(otherStream).shardId(otherShard)
                            .shardIteratorType(ShardIteratorType.TRIM_HORIZON)));
            String otherIterator = rootStreams.getShardIterator(b -> b.streamArn(otherStream).shardId(otherShard)
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            Errors.expect(DynamoDbException.class, "AccessDeniedException", "User: " + samArn
                    + " is not authorized to perform: dynamodb:GetRecords on resource: " + otherStream
                    + " because no identity-based policy allows the dynamodb:GetRecords action",
                    () -> streams.getRecords(b -> b.shardIterator(otherIterator)));
        }
    }

    @Test
    void aPolicyThatLocksItsAuthorOutNeedsConfirmingAndANotPrincipalDenySparesOnlyWhomItNames() throws Exception {
        String locked = Tables.createHashRangeTable(root, "lockout");
        root.putItem(b -> b.tableName(locked).item(Map.of("pk", s("alice"), "sk", n("1"))));
        String tableArn = "arn:aws:dynamodb:us-east-1:000000000000:table/" + locked;
        String henryArn = "arn:aws:iam::000000000000:user/henry";
        String denyHenry = """
                {"Version":"2012-10-17","Statement":{"Effect":"Deny","Principal":{"AWS":"%s"},
                 "Action":"dynamodb:PutResourcePolicy","Resource":"%s"}}""".formatted(henryArn, tableArn);
        try (DynamoDbClient henry = allowedEverything("henry"); DynamoDbClient ivy = allowedEverything("ivy")) {
            Errors.expectValidation("The resource-based policy would remove your permission to change the policy of "
                    + tableArn + " (dynamodb:PutResourcePolicy); set ConfirmRemoveSelfResourceAccess to true to confirm",
                    () -> henry.putResourcePolicy(b -> b.resourceArn(tableArn).policy(denyHenry)));
            Errors.expect(software.amazon.awssdk.services.dynamodb.model.PolicyNotFoundException.class,
                    "PolicyNotFoundException", null, () -> root.getResourcePolicy(b -> b.resourceArn(tableArn)));
            henry.putResourcePolicy(b -> b.resourceArn(tableArn).policy(denyHenry).confirmRemoveSelfResourceAccess(true));
            awaitRefused(() -> henry.putResourcePolicy(b -> b.resourceArn(tableArn).policy(denyHenry)
                    .confirmRemoveSelfResourceAccess(true)));

            // the root principal may always replace it: only henry may read, everyone else is denied
            String onlyHenryReads = """
                    {"Version":"2012-10-17","Statement":{"Effect":"Deny","NotPrincipal":{"AWS":["%s"]},
                     "Action":"dynamodb:GetItem","Resource":"%s"}}""".formatted(henryArn, tableArn);
            root.putResourcePolicy(b -> b.resourceArn(tableArn).policy(onlyHenryReads));
            awaitRefused(() -> ivy.getItem(b -> b.tableName(locked).key(key("alice"))));
            Errors.expect(DynamoDbException.class, "AccessDeniedException", "User: arn:aws:iam::000000000000:user/ivy"
                    + " is not authorized to perform: dynamodb:GetItem on resource: " + tableArn
                    + " with an explicit deny in a resource-based policy",
                    () -> ivy.getItem(b -> b.tableName(locked).key(key("alice"))));
            assertEquals("alice", henry.getItem(b -> b.tableName(locked).key(key("alice"))).item().get("pk").s());
        }
    }

    /** Waits (3 s at most) until a gateway has read a resource's new policy and refuses the call with AccessDeniedException. */
    private static void awaitRefused(org.junit.jupiter.api.function.Executable call) throws Exception {
        long deadline = System.nanoTime() + 3_000_000_000L;
        for (int i = 0; i < 60; i++) {
            try {
                call.execute();
            } catch (DynamoDbException e) {
                if ("AccessDeniedException".equals(e.awsErrorDetails().errorCode())) {
                    return;
                }
                throw e;
            } catch (Throwable t) {
                throw new AssertionError(t);
            }
            if (System.nanoTime() > deadline) {
                break;
            }
            Thread.sleep(100);
        }
        denied(call);
    }

    /** A new principal allowed every DynamoDB action, and a client signing with its key. */
    private DynamoDbClient allowedEverything(String name) throws Exception {
        JsonNode principal = createPrincipal(name);
        principalKeys.put(name, new String[] {principal.path("accessKeyId").asText(), principal.path("secretAccessKey").asText()});
        putPolicy(name, "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"dynamodb:*\","
                + "\"Resource\":\"*\"}}");
        return stack.client(stack.endpoint(), AwsBasicCredentials.create(principal.path("accessKeyId").asText(),
                principal.path("secretAccessKey").asText()));
    }

    @Test
    void theAdminApiWantsTheRootKeyOrAnAdminPolicy() throws Exception {
        assertEquals(401, adminStatus("GET", "/admin/principals", "admin:admin"));
        assertEquals(200, adminStatus("GET", "/admin/principals", "admin:not-the-default"));
        JsonNode dave = createPrincipal("dave");
        String daveLogin = dave.path("accessKeyId").asText() + ":" + dave.path("secretAccessKey").asText();
        assertEquals(403, adminStatus("GET", "/admin/principals", daveLogin));
        putPolicy("dave", "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"dynamis:Admin*\","
                + "\"Resource\":\"*\"}}");
        assertEquals(200, adminStatus("GET", "/admin/principals", daveLogin));
        // item-service's internal endpoint (on the one process's port, or its own) is closed without the token
        URI itemService = stack.topology() == DynamisStack.Topology.ONE ? URI.create(stack.endpoint() + "/internal/item")
                : URI.create("http://127.0.0.1:" + stack.port("item-service") + "/");
        HttpRequest internal = HttpRequest.newBuilder(itemService)
                .header("X-Amz-Target", "DynamoDB_20120810.DynamisListPrincipals")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build();
        HttpResponse<String> answer = http.send(internal, HttpResponse.BodyHandlers.ofString());
        assertEquals(400, answer.statusCode(), answer.body());
        assertTrue(answer.body().contains("UnrecognizedClientException"), answer.body());
        assertFalse(answer.body().contains("secretAccessKey"), answer.body());
    }

    @Test
    void aSigV4SignedAdminRequestWorksForTheRootKeyAndAnAdminPolicyOnly() throws Exception {
        assertEquals(200, signedAdmin("GET", "/admin/principals", null, ROOT_KEY, ROOT_SECRET).statusCode());
        // a body is hashed as received and still reaches the resource
        HttpResponse<String> created = signedAdmin("POST", "/admin/principals", "{\"name\":\"ivan\"}", ROOT_KEY, ROOT_SECRET);
        assertEquals(201, created.statusCode(), created.body());
        JsonNode ivan = JSON.readTree(created.body());
        assertEquals("ivan", ivan.path("name").asText());
        String key = ivan.path("accessKeyId").asText();
        String secret = ivan.path("secretAccessKey").asText();
        assertEquals(403, signedAdmin("GET", "/admin/principals", null, key, secret).statusCode());
        HttpResponse<String> wrong = signedAdmin("GET", "/admin/principals", null, ROOT_KEY, "wrong");
        assertEquals(401, wrong.statusCode(), wrong.body());
        assertTrue(wrong.body().contains("InvalidSignatureException"), wrong.body());
        putPolicy("ivan", "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"dynamis:AdminPrincipals\","
                + "\"Resource\":\"*\"}}");
        assertEquals(200, signedAdmin("GET", "/admin/principals/ivan", null, key, secret).statusCode());
        assertEquals(403, signedAdmin("GET", "/admin/backups", null, key, secret).statusCode());
    }

    /** An admin request signed (SigV4, service dynamodb) by the SDK's signer with a key and secret. */
    private HttpResponse<String> signedAdmin(String method, String path, String body, String key, String secret)
            throws IOException, InterruptedException {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        HttpRequest request = DynamisStack.signedRequest(method, URI.create(stack.endpoint() + path),
                Map.of("Content-Type", "application/json"), bytes, key, secret).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    // ---- helpers ----

    private static void denied(org.junit.jupiter.api.function.Executable call) {
        Errors.expect(DynamoDbException.class, "AccessDeniedException", null, call);
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(String value) {
        return AttributeValue.fromN(value);
    }

    private static Map<String, AttributeValue> key(String artist) {
        return Map.of("pk", s(artist), "sk", n("1"));
    }

    private byte[] getItemBody(String artist, String projection) {
        return ("{\"TableName\":\"" + table + "\",\"Key\":{\"pk\":{\"S\":\"" + artist + "\"},\"sk\":{\"N\":\"1\"}}"
                + (projection == null ? "" : ",\"ProjectionExpression\":\"" + projection + "\"") + "}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private SdkHttpFullRequest unsigned(String operation) {
        return SdkHttpFullRequest.builder().method(SdkHttpMethod.POST).uri(stack.endpoint())
                .putHeader("Content-Type", "application/x-amz-json-1.0")
                .putHeader("X-Amz-Target", "DynamoDB_20120810." + operation).build();
    }

    /** Signed by the SDK's own SigV4 signer with the root key, as if the clock said {@code at}. */
    private SdkHttpRequest signed(String operation, byte[] body, Instant at) {
        return AwsV4HttpSigner.create().sign(r -> r.identity(AwsCredentialsIdentity.create(ROOT_KEY, ROOT_SECRET))
                .request(unsigned(operation)).payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "dynamodb")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, Clock.fixed(at, ZoneOffset.UTC))).request();
    }

    /** Presigned (query string) by the SDK's signer with the root key at {@code at}, valid for {@code expires}. */
    private SdkHttpRequest presigned(String operation, byte[] body, Instant at, Duration expires) {
        return AwsV4HttpSigner.create().sign(r -> r.identity(AwsCredentialsIdentity.create(ROOT_KEY, ROOT_SECRET))
                .request(unsigned(operation)).payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "dynamodb")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                .putProperty(AwsV4HttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, expires)
                .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, Clock.fixed(at, ZoneOffset.UTC))).request();
    }

    /** Sends a signed request with {@code body} (which may differ from the one signed). */
    private HttpResponse<String> send(SdkHttpRequest signed, byte[] body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(signed.getUri()).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        Set<String> restricted = Set.of("host", "content-length", "connection", "expect", "upgrade");
        signed.forEachHeader((name, values) -> {
            if (!restricted.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                values.forEach(v -> request.header(name, v));
            }
        });
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode error(HttpResponse<String> response) throws IOException {
        assertEquals(400, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    private JsonNode createPrincipal(String name) throws Exception {
        JsonNode created = post("/admin/principals", "{\"name\":\"" + name + "\"}", 201);
        assertEquals(name, created.path("name").asText());
        assertTrue(created.path("accessKeyId").asText().startsWith("AKIA"), created.toString());
        assertEquals(40, created.path("secretAccessKey").asText().length());
        JsonNode shown = JSON.readTree(adminBody("GET", "/admin/principals/" + name));
        assertTrue(shown.path("secretAccessKey").isMissingNode(), "the secret is shown once: " + shown);
        return created;
    }

    private void putPolicy(String name, String policy) throws Exception {
        admin("PUT", "/admin/principals/" + name + "/policy", policy, 200);
    }

    private JsonNode post(String path, String body, int status) throws Exception {
        return JSON.readTree(admin("POST", path, body, status));
    }

    private String admin(String method, String path, String body, int status) throws Exception {
        HttpResponse<String> response = adminCall(method, path, body, ROOT_KEY + ":" + ROOT_SECRET);
        assertEquals(status, response.statusCode(), method + " " + path + ": " + response.body());
        return response.body();
    }

    private String adminBody(String method, String path) throws Exception {
        return admin(method, path, null, 200);
    }

    private int adminStatus(String method, String path) throws Exception {
        return adminStatus(method, path, ROOT_KEY + ":" + ROOT_SECRET);
    }

    private int adminStatus(String method, String path, String login) throws Exception {
        return adminCall(method, path, null, login).statusCode();
    }

    private HttpResponse<String> adminCall(String method, String path, String body, String login) throws Exception {
        return adminCall(stack.endpoint(), method, path, body, login);
    }

    private HttpResponse<String> adminCall(URI gateway, String method, String path, String body, String login) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(gateway + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(login.getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
