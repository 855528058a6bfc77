package io.dynamis.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.zip.CRC32;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The JSON 1.0 protocol as raw HTTP: error types for bad requests, headers, and every service's health. */
@ExtendWith(StackExtension.class)
@OwnStackOnly
class ProtocolIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DynamisStack stack;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    ProtocolIT(DynamisStack stack) {
        this.stack = stack;
    }

    private static final String AUTHORIZATION = "AWS4-HMAC-SHA256 Credential=dynamis/20261123/us-east-1/dynamodb/"
            + "aws4_request, SignedHeaders=host;x-amz-date;x-amz-target, Signature=0123";

    /** A request as an SDK sends it: JSON 1.0, with a (syntactically complete) signature. */
    private HttpRequest.Builder request(String target) {
        HttpRequest.Builder request = HttpRequest.newBuilder(stack.endpoint())
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-amz-json-1.0")
                .header("X-Amz-Date", "20261123T000000Z")
                .header("Authorization", AUTHORIZATION);
        if (target != null) {
            request.header("X-Amz-Target", target);
        }
        return request;
    }

    private HttpResponse<String> post(String target, String body) throws IOException, InterruptedException {
        return http.send(request(target).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> postUnsigned(String target, String body, String authorization)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(stack.endpoint())
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-amz-json-1.0")
                .header("X-Amz-Target", target)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    /** Asserts a 400 answer of the given error type; returns its body. */
    private static JsonNode assertError(HttpResponse<String> response, String type) throws IOException {
        assertEquals(400, response.statusCode());
        JsonNode body = json(response);
        assertEquals(type, body.get("__type").asText());
        return body;
    }

    private static final String SERIALIZATION = "com.amazon.coral.service#SerializationException";
    private static final String UNKNOWN_OPERATION = "com.amazon.coral.service#UnknownOperationException";

    @ParameterizedTest
    @ValueSource(strings = {"{\"Limit\": ", "", "[1, 2]", "\"text\"", "{} {}"})
    void aBodyThatIsNotOneJsonObjectIsASerializationException(String body) throws Exception {
        assertError(post("DynamoDB_20120810.ListTables", body), SERIALIZATION);
    }

    @Test
    void malformedJsonIsCheckedBeforeTheTarget() throws Exception {
        HttpResponse<String> response = post("DynamoDB_20120810.NoSuchOperation", "{oops");
        assertEquals(400, response.statusCode());
        assertEquals("{\"__type\":\"com.amazon.coral.service#SerializationException\"}", response.body());
    }

    /**
     * A write goes to item-service as it came, parsed there and not in the gateway (ForwardedJson): the same
     * verdict, the same body, and before anything else the gateway checks.
     */
    @ParameterizedTest
    @ValueSource(strings = {"{\"TableName\": ", "", "[1, 2]", "\"text\"", "{} {}", "{\"a\": 1}, \"b\": {",
            "{\"TableName\": \"t\"} trailing"})
    void aWriteWhoseBodyIsNotOneJsonObjectIsASerializationException(String body) throws Exception {
        HttpResponse<String> response = post("DynamoDB_20120810.PutItem", body);
        assertEquals(400, response.statusCode());
        assertEquals("{\"__type\":\"com.amazon.coral.service#SerializationException\"}", response.body());
    }

    @Test
    void aWriteWhoseBodyIsNotJsonIsASerializationExceptionBeforeItsMissingSignature() throws Exception {
        HttpResponse<String> response = postUnsigned("DynamoDB_20120810.PutItem", "{oops", null);
        assertEquals(400, response.statusCode());
        assertEquals("{\"__type\":\"com.amazon.coral.service#SerializationException\"}", response.body());
        assertError(postUnsigned("DynamoDB_20120810.PutItem", "{}", null),
                "com.amazon.coral.service#MissingAuthenticationTokenException");
    }

    @Test
    void aMemberOfTheWrongTypeIsASerializationException() throws Exception {
        JsonNode body = assertError(post("DynamoDB_20120810.DescribeTable", "{\"TableName\": 5}"), SERIALIZATION);
        assertEquals("NUMBER_VALUE cannot be converted to String", body.get("Message").asText());
    }

    @Test
    void unknownOperationsCarryNoMessage() throws Exception {
        HttpResponse<String> response = post("DynamoDB_20120810.NoSuchOperation", "{}");
        assertEquals("{\"__type\":\"com.amazon.coral.service#UnknownOperationException\"}", response.body());
    }

    @ParameterizedTest
    @ValueSource(strings = {"DynamoDB_20120810.NoSuchOperation", "Nonsense", "DynamoDB_20990101.ListTables"})
    void unknownTargetsAreUnknownOperationException(String target) throws Exception {
        assertError(post(target, "{}"), UNKNOWN_OPERATION);
    }

    @Test
    void aMissingTargetIsUnknownOperationException() throws Exception {
        assertError(post(null, "{}"), UNKNOWN_OPERATION);
    }

    @Test
    void operationsNotBuiltYetSaySoByName() throws Exception {
        JsonNode body = assertError(post("DynamoDB_20120810.DescribeContributorInsights", "{\"TableName\": \"abc\"}"), UNKNOWN_OPERATION);
        assertEquals("Dynamis does not support the operation DescribeContributorInsights yet", body.get("message").asText());
    }

    @Test
    void everyAnswerCarriesARequestIdAndTheBodyChecksum() throws Exception {
        for (HttpResponse<String> response : new HttpResponse[] {
                post("DynamoDB_20120810.ListTables", "{}"), post("DynamoDB_20120810.Nope", "{}")}) {
            String requestId = response.headers().firstValue("x-amzn-RequestId").orElse(null);
            assertNotNull(requestId);
            assertTrue(requestId.matches("[A-Z0-9]{52}"), requestId);
            assertEquals("application/x-amz-json-1.0", response.headers().firstValue("Content-Type").orElse(null));
            CRC32 crc = new CRC32();
            crc.update(response.body().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            assertEquals(Long.toString(crc.getValue()), response.headers().firstValue("x-amz-crc32").orElse(null));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"api-gateway", "item-service", "query-service", "cache-service", "backup-service"})
    void everyServiceIsHealthy(String service) throws Exception {
        for (String path : new String[] {"/q/health", "/q/health/live", "/q/health/ready"}) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + stack.port(service) + path)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), service + path);
            assertEquals("UP", json(response).get("status").asText(), service + path);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"api-gateway", "item-service", "query-service", "cache-service", "backup-service"})
    void everyServiceServesPrometheusMetrics(String service) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + stack.port(service) + "/q/metrics")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        assertTrue(response.body().contains("jvm_memory_used_bytes{"), service);
        assertTrue(response.body().contains("service=\"" + stack.serviceLabel(service) + "\""), service);
    }

    @Test
    void theRootAnswersDynamoDbsHealthCheck() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(stack.endpoint()).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        assertTrue(response.body().startsWith("healthy: dynamodb."), response.body());
    }

    @Test
    void aRequestWithoutASignatureIsMissingAuthenticationToken() throws Exception {
        JsonNode body = assertError(postUnsigned("DynamoDB_20120810.ListTables", "{}", null),
                "com.amazon.coral.service#MissingAuthenticationTokenException");
        assertEquals("Request is missing Authentication Token", body.get("message").asText());
    }

    @Test
    void anIncompleteSignatureNamesWhatIsMissing() throws Exception {
        JsonNode body = assertError(postUnsigned("DynamoDB_20120810.ListTables", "{}", "AWS4-HMAC-SHA256 X"),
                "com.amazon.coral.service#IncompleteSignatureException");
        assertEquals("Authorization header requires 'Credential' parameter. Authorization header requires"
                + " 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. Authorization"
                + " header requires existence of either a 'X-Amz-Date' or a 'Date' header."
                + " Authorization=AWS4-HMAC-SHA256 X", body.get("message").asText());
    }

    @Test
    void theBodyIsCheckedBeforeTheSignature() throws Exception {
        assertError(postUnsigned("DynamoDB_20120810.ListTables", "{oops", null), SERIALIZATION);
        assertError(postUnsigned("DynamoDB_20120810.Nope", "{}", null), UNKNOWN_OPERATION);
    }

    @Test
    void gzipRequestBodiesAreInflated() throws Exception {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gzip = new java.util.zip.GZIPOutputStream(bytes)) {
            gzip.write("{\"Limit\": 1}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        HttpResponse<String> response = http.send(request("DynamoDB_20120810.ListTables")
                .header("Content-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(json(response).has("TableNames"), response.body());
    }

    @Test
    void answersAreGzippedWhenTheClientAcceptsItAndTheChecksumCoversTheBytesSent() throws Exception {
        software.amazon.awssdk.services.dynamodb.DynamoDbClient client = stack.client();
        String table = Tables.createHashTable(client, "gzip",
                software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType.S);
        client.putItem(b -> b.tableName(table).item(java.util.Map.of(
                "pk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("big"),
                "text", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("x".repeat(20_000)))));

        HttpResponse<byte[]> response = http.send(request("DynamoDB_20120810.GetItem")
                .header("Accept-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"TableName\": \"" + table + "\", \"Key\": {\"pk\": {\"S\": \"big\"}}}")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, response.statusCode());
        assertEquals("gzip", response.headers().firstValue("Content-Encoding").orElse(null));
        assertTrue(response.body().length < 2_000, "compressed: " + response.body().length);
        CRC32 crc = new CRC32();
        crc.update(response.body());
        assertEquals(Long.toString(crc.getValue()), response.headers().firstValue("x-amz-crc32").orElse(null));
        byte[] inflated = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(response.body()))
                .readAllBytes();
        assertEquals(20_000, JSON.readTree(inflated).path("Item").path("text").path("S").asText().length());
    }

    @Test
    void aCorsPreflightIsAnsweredForAnyOrigin() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(stack.endpoint())
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "http://localhost:8001")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type,x-amz-target,authorization")
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        assertEquals("*", response.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
        assertEquals("POST", response.headers().firstValue("Access-Control-Allow-Methods").orElse(null));
        assertEquals("content-type,x-amz-target,authorization",
                response.headers().firstValue("Access-Control-Allow-Headers").orElse(null));
        assertEquals("172800", response.headers().firstValue("Access-Control-Max-Age").orElse(null));

        HttpResponse<String> post = http.send(request("DynamoDB_20120810.ListTables")
                .header("Origin", "http://localhost:8001")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals("*", post.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
        assertTrue(post.headers().firstValue("Access-Control-Expose-Headers").orElse("").contains("x-amzn-RequestId"));
    }

    @Test
    void aBodyOverSixteenMegabytesIsRequestEntityTooLarge() throws Exception {
        byte[] body = new byte[16 * 1024 * 1024 + 1];
        java.util.Arrays.fill(body, (byte) ' ');
        body[0] = '{';
        body[body.length - 1] = '}';
        HttpResponse<String> response = http.send(request("DynamoDB_20120810.ListTables")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(413, response.statusCode());
        assertEquals("com.amazon.coral.service#RequestEntityTooLargeException", json(response).get("__type").asText());
    }

    /** The members of TableDescription in DynamoDB's API reference. */
    private static final java.util.Set<String> TABLE_DESCRIPTION_MEMBERS = java.util.Set.of("ArchivalSummary",
            "AttributeDefinitions", "BillingModeSummary", "CreationDateTime", "DeletionProtectionEnabled",
            "GlobalSecondaryIndexes", "GlobalTableVersion", "ItemCount", "KeySchema", "LatestStreamArn",
            "LatestStreamLabel", "LocalSecondaryIndexes", "MultiRegionConsistency", "OnDemandThroughput",
            "ProvisionedThroughput", "Replicas", "RestoreSummary", "SSEDescription", "StreamSpecification", "TableArn",
            "TableClassSummary", "TableId", "TableName", "TableSizeBytes", "TableStatus", "WarmThroughput");

    @Test
    void describeTableAnswersDynamoDbsDocumentedShapeFieldByField() throws Exception {
        String table = "shape-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        String keys = "[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"},{\"AttributeName\":\"sk\",\"KeyType\":\"RANGE\"}]";
        HttpResponse<String> created = post("DynamoDB_20120810.CreateTable", "{\"TableName\":\"" + table + "\","
                + "\"AttributeDefinitions\":[{\"AttributeName\":\"pk\",\"AttributeType\":\"S\"},"
                + "{\"AttributeName\":\"sk\",\"AttributeType\":\"N\"},{\"AttributeName\":\"g\",\"AttributeType\":\"B\"}],"
                + "\"KeySchema\":" + keys + ",\"BillingMode\":\"PAY_PER_REQUEST\","
                + "\"LocalSecondaryIndexes\":[{\"IndexName\":\"lsi\",\"KeySchema\":[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"},"
                + "{\"AttributeName\":\"g\",\"KeyType\":\"RANGE\"}],\"Projection\":{\"ProjectionType\":\"ALL\"}}],"
                + "\"GlobalSecondaryIndexes\":[{\"IndexName\":\"gsi\",\"KeySchema\":[{\"AttributeName\":\"g\",\"KeyType\":\"HASH\"}],"
                + "\"Projection\":{\"ProjectionType\":\"KEYS_ONLY\"}}],"
                + "\"StreamSpecification\":{\"StreamEnabled\":true,\"StreamViewType\":\"NEW_AND_OLD_IMAGES\"},"
                + "\"SSESpecification\":{\"Enabled\":true},\"TableClass\":\"STANDARD\",\"DeletionProtectionEnabled\":false,"
                + "\"Tags\":[{\"Key\":\"team\",\"Value\":\"storage\"}]}");
        assertEquals(200, created.statusCode(), created.body());

        JsonNode d = json(post("DynamoDB_20120810.DescribeTable", "{\"TableName\":\"" + table + "\"}")).get("Table");
        d.fieldNames().forEachRemaining(name -> assertTrue(TABLE_DESCRIPTION_MEMBERS.contains(name), "undocumented: " + name));
        assertEquals(table, d.get("TableName").textValue());
        assertEquals("ACTIVE", d.get("TableStatus").textValue());
        assertTrue(d.get("CreationDateTime").isNumber(), "epoch seconds");
        assertEquals(JSON.readTree(keys), d.get("KeySchema"));
        assertEquals(3, d.get("AttributeDefinitions").size());
        assertTrue(d.get("ItemCount").isIntegralNumber() && d.get("TableSizeBytes").isIntegralNumber());
        assertTrue(d.get("TableArn").textValue().matches("arn:aws:dynamodb:[a-z0-9-]+:\\d{12}:table/" + table));
        assertTrue(d.get("TableId").textValue().matches("[0-9a-f-]{36}"));
        JsonNode throughput = d.get("ProvisionedThroughput");
        assertEquals(0, throughput.get("ReadCapacityUnits").intValue());
        assertEquals(0, throughput.get("NumberOfDecreasesToday").intValue());
        assertEquals("PAY_PER_REQUEST", d.get("BillingModeSummary").get("BillingMode").textValue());
        assertTrue(d.get("BillingModeSummary").get("LastUpdateToPayPerRequestDateTime").isNumber());
        assertEquals("STANDARD", d.get("TableClassSummary").get("TableClass").textValue());
        assertEquals(false, d.get("DeletionProtectionEnabled").booleanValue());
        assertEquals("NEW_AND_OLD_IMAGES", d.get("StreamSpecification").get("StreamViewType").textValue());
        assertEquals(d.get("TableArn").textValue() + "/stream/" + d.get("LatestStreamLabel").textValue(),
                d.get("LatestStreamArn").textValue());
        assertEquals("ENABLED", d.get("SSEDescription").get("Status").textValue());
        JsonNode lsi = d.get("LocalSecondaryIndexes").get(0);
        for (String member : new String[] {"IndexName", "KeySchema", "Projection", "IndexSizeBytes", "ItemCount", "IndexArn"}) {
            assertTrue(lsi.has(member), "LocalSecondaryIndexDescription." + member);
        }
        JsonNode gsi = d.get("GlobalSecondaryIndexes").get(0);
        for (String member : new String[] {"IndexName", "KeySchema", "Projection", "IndexStatus", "ProvisionedThroughput",
                "IndexSizeBytes", "ItemCount", "IndexArn"}) {
            assertTrue(gsi.has(member), "GlobalSecondaryIndexDescription." + member);
        }
        assertEquals(d.get("TableArn").textValue() + "/index/gsi", gsi.get("IndexArn").textValue());
    }

    /**
     * DeleteTable's TableDescription holds fewer members than DescribeTable's: DynamoDB leaves out the key
     * schema, the attribute definitions, the creation time and the indexes (its API reference's example
     * answer; observed answers add TableArn, TableId and, on demand, BillingModeSummary).
     */
    @Test
    void deleteTableAnswersOnlyTheMembersDynamoDbReturns() throws Exception {
        String table = "deleted-shape-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> created = post("DynamoDB_20120810.CreateTable", "{\"TableName\":\"" + table + "\","
                + "\"AttributeDefinitions\":[{\"AttributeName\":\"pk\",\"AttributeType\":\"S\"},"
                + "{\"AttributeName\":\"sk\",\"AttributeType\":\"N\"},{\"AttributeName\":\"g\",\"AttributeType\":\"B\"}],"
                + "\"KeySchema\":[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"},{\"AttributeName\":\"sk\",\"KeyType\":\"RANGE\"}],"
                + "\"BillingMode\":\"PAY_PER_REQUEST\","
                + "\"LocalSecondaryIndexes\":[{\"IndexName\":\"lsi\",\"KeySchema\":[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"},"
                + "{\"AttributeName\":\"g\",\"KeyType\":\"RANGE\"}],\"Projection\":{\"ProjectionType\":\"ALL\"}}],"
                + "\"GlobalSecondaryIndexes\":[{\"IndexName\":\"gsi\",\"KeySchema\":[{\"AttributeName\":\"g\",\"KeyType\":\"HASH\"}],"
                + "\"Projection\":{\"ProjectionType\":\"KEYS_ONLY\"}}],"
                + "\"SSESpecification\":{\"Enabled\":true},\"TableClass\":\"STANDARD\"}");
        assertEquals(200, created.statusCode(), created.body());
        String described = json(post("DynamoDB_20120810.DescribeTable", "{\"TableName\":\"" + table + "\"}"))
                .at("/Table/TableId").textValue();

        HttpResponse<String> deleted = post("DynamoDB_20120810.DeleteTable", "{\"TableName\":\"" + table + "\"}");
        assertEquals(200, deleted.statusCode(), deleted.body());
        JsonNode d = json(deleted).get("TableDescription");
        java.util.Set<String> members = new java.util.TreeSet<>();
        d.fieldNames().forEachRemaining(members::add);
        assertEquals(new java.util.TreeSet<>(java.util.Set.of("TableName", "TableStatus", "ProvisionedThroughput",
                "TableSizeBytes", "ItemCount", "TableArn", "TableId", "BillingModeSummary")), members);
        assertEquals("DELETING", d.get("TableStatus").textValue());
        assertEquals(described, d.get("TableId").textValue());
        assertEquals(0, d.at("/ProvisionedThroughput/ReadCapacityUnits").intValue());
        assertEquals("PAY_PER_REQUEST", d.at("/BillingModeSummary/BillingMode").textValue());
    }

    @Test
    void pipelinedRequestsOnOneKeptAliveConnectionAreAnsweredInOrder() throws Exception {
        String[] bodies = {"{\"Limit\": 1}", "{\"TableName\": \"no-such-table\"}", "{\"Limit\": 2}"};
        String[] targets = {"ListTables", "DescribeTable", "ListTables"};
        StringBuilder pipelined = new StringBuilder();
        for (int i = 0; i < bodies.length; i++) {
            pipelined.append("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-amz-json-1.0\r\n")
                    .append("X-Amz-Target: DynamoDB_20120810.").append(targets[i]).append("\r\n")
                    .append("X-Amz-Date: 20261123T000000Z\r\nAuthorization: ").append(AUTHORIZATION).append("\r\n")
                    .append("Content-Length: ").append(bodies[i].length()).append("\r\n\r\n").append(bodies[i]);
        }
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", stack.gatewayPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(pipelined.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            java.io.BufferedInputStream in = new java.io.BufferedInputStream(socket.getInputStream());
            int[] expected = {200, 400, 200};
            for (int i = 0; i < expected.length; i++) {
                String status = readLine(in);
                assertTrue(status.startsWith("HTTP/1.1 " + expected[i]), "answer " + i + ": " + status);
                int length = -1;
                for (String header = readLine(in); !header.isEmpty(); header = readLine(in)) {
                    if (header.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                        length = Integer.parseInt(header.substring(15).trim());
                    }
                }
                byte[] body = in.readNBytes(length);
                JsonNode answer = JSON.readTree(body);
                assertEquals(i == 1, answer.has("__type"), "answer " + i + " belongs to request " + i);
            }
        }
    }

    private static String readLine(java.io.InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    @Test
    void bothJsonContentTypesThatSdksSendAreAccepted() throws Exception {
        for (String type : new String[] {"application/x-amz-json-1.0", "application/json", "application/x-amz-json-1.0; charset=utf-8"}) {
            HttpResponse<String> response = http.send(request("DynamoDB_20120810.ListTables").setHeader("Content-Type", type)
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), type);
            assertTrue(json(response).has("TableNames"), type);
        }
    }
}
