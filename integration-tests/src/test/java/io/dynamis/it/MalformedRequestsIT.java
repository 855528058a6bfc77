package io.dynamis.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

/**
 * A corpus of malformed requests, sent as raw HTTP: each gets a 4xx with DynamoDB's error, never a 5xx,
 * and nothing is written; then a bounded stream of randomly mutated valid requests, after which the
 * gateway still serves.
 */
@ExtendWith(StackExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MalformedRequestsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String VALIDATION = "com.amazon.coral.validate#ValidationException";
    private static final String SERIALIZATION = "com.amazon.coral.service#SerializationException";
    private static final String AUTHORIZATION = "AWS4-HMAC-SHA256 Credential=dynamis/20261123/us-east-1/dynamodb/"
            + "aws4_request, SignedHeaders=host;x-amz-date;x-amz-target, Signature=0123";

    private final DynamisStack stack;
    private final DynamoDbClient client;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private String table;

    MalformedRequestsIT(DynamisStack stack) {
        this.stack = stack;
        this.client = stack.client();
    }

    @BeforeAll
    void createTable() throws Exception {
        table = Tables.uniqueName("malformed");
        HttpResponse<String> created = post("CreateTable", "{\"TableName\": \"" + table + "\", \"BillingMode\": \"PAY_PER_REQUEST\","
                + " \"KeySchema\": [{\"AttributeName\": \"pk\", \"KeyType\": \"HASH\"}, {\"AttributeName\": \"sk\", \"KeyType\": \"RANGE\"}],"
                + " \"AttributeDefinitions\": [{\"AttributeName\": \"pk\", \"AttributeType\": \"S\"},"
                + " {\"AttributeName\": \"sk\", \"AttributeType\": \"N\"}, {\"AttributeName\": \"g\", \"AttributeType\": \"S\"}],"
                + " \"GlobalSecondaryIndexes\": [{\"IndexName\": \"byG\", \"KeySchema\": [{\"AttributeName\": \"g\", \"KeyType\": \"HASH\"}],"
                + " \"Projection\": {\"ProjectionType\": \"ALL\"}}]}");
        assertEquals(200, created.statusCode(), created.body());
    }

    // ---- helpers ----

    private HttpRequest.Builder request(String operation) {
        return HttpRequest.newBuilder(stack.endpoint())
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-amz-json-1.0")
                .header("X-Amz-Date", "20261123T000000Z")
                .header("Authorization", AUTHORIZATION)
                .header("X-Amz-Target", "DynamoDB_20120810." + operation);
    }

    private HttpResponse<String> post(String operation, String body) throws IOException, InterruptedException {
        return post(operation, body.getBytes(StandardCharsets.UTF_8), null);
    }

    private HttpResponse<String> post(String operation, byte[] body, String encoding) throws IOException, InterruptedException {
        HttpRequest.Builder request = request(operation).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (encoding != null) {
            request.header("Content-Encoding", encoding);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Asserts a 400 of the given type and returns its message ("message" or "Message"). */
    private static String assertError(HttpResponse<String> response, String type) throws IOException {
        assertEquals(400, response.statusCode(), response.body());
        JsonNode body = JSON.readTree(response.body());
        assertEquals(type, body.path("__type").asText(), response.body());
        return body.has("message") ? body.get("message").asText() : body.path("Message").asText(null);
    }

    private String key(String pk) {
        return "{\"pk\": {\"S\": \"" + pk + "\"}, \"sk\": {\"N\": \"1\"}}";
    }

    private boolean exists(String pk) {
        GetItemResponse item = client.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromN("1"))));
        return item.hasItem() && !item.item().isEmpty();
    }

    // ---- expressions ----

    @Test
    @OwnStackOnly // Dynamis's decision where DynamoDB's answer is not documented (or is a 5xx)
    void expressionsNestedThousandsDeepAreValidationErrorsEverywhere() throws Exception {
        String deep = "(".repeat(2000) + "a = :v" + ")".repeat(2000);
        String values = "\"ExpressionAttributeValues\": {\":v\": {\"S\": \"x\"}}";
        assertEquals("Invalid ConditionExpression: The expression has redundant parentheses;",
                assertError(post("PutItem", "{\"TableName\": \"" + table + "\", \"Item\": " + key("deep")
                        + ", \"ConditionExpression\": \"" + deep + "\", " + values + "}"), VALIDATION));
        assertEquals("Invalid FilterExpression: The expression has redundant parentheses;",
                assertError(post("Scan", "{\"TableName\": \"" + table + "\", \"FilterExpression\": \"" + deep + "\", "
                        + values + "}"), VALIDATION));
        assertEquals("Invalid KeyConditionExpression: The expression has redundant parentheses;",
                assertError(post("Query", "{\"TableName\": \"" + table + "\", \"KeyConditionExpression\": \""
                        + deep.replace("a = ", "pk = ") + "\", " + values + "}"), VALIDATION));
        assertEquals("Invalid UpdateExpression: The expression has redundant parentheses;",
                assertError(post("UpdateItem", "{\"TableName\": \"" + table + "\", \"Key\": " + key("deep")
                        + ", \"UpdateExpression\": \"SET a = " + "(".repeat(2000) + ":v" + ")".repeat(2000) + "\", "
                        + values + "}"), VALIDATION));
        HttpResponse<String> transaction = post("TransactWriteItems", "{\"TransactItems\": [{\"ConditionCheck\": {\"TableName\": \""
                + table + "\", \"Key\": " + key("deep") + ", \"ConditionExpression\": \"" + deep + "\", " + values + "}}]}");
        assertEquals(400, transaction.statusCode(), transaction.body());
        assertFalse(exists("deep"));
    }

    @Test
    void thousandsOfOrTermsAreTooManyOperators() throws Exception {
        String terms = String.join(" OR ", java.util.Collections.nCopies(400, "a=:v"));
        assertEquals("Invalid FilterExpression: The expression contains too many operators; operator count: 301",
                assertError(post("Scan", "{\"TableName\": \"" + table + "\", \"FilterExpression\": \"" + terms
                        + "\", \"ExpressionAttributeValues\": {\":v\": {\"S\": \"x\"}}}"), VALIDATION));
    }

    @Test
    void anExpressionOverFourKilobytesIsRefused() throws Exception {
        String big = "attribute_not_exists(pk)" + " ".repeat(5000);
        assertEquals("Invalid ConditionExpression: Expression size has exceeded the maximum allowed size; expression size: 5024",
                assertError(post("PutItem", "{\"TableName\": \"" + table + "\", \"Item\": " + key("big")
                        + ", \"ConditionExpression\": \"" + big + "\"}"), VALIDATION));
        assertFalse(exists("big"));
    }

    @Test
    void unknownComparisonAndConditionalOperatorsAreValidationErrors() throws Exception {
        String message = assertError(post("Query", "{\"TableName\": \"" + table + "\", \"KeyConditions\": {\"pk\":"
                + " {\"ComparisonOperator\": \"FROB\", \"AttributeValueList\": [{\"S\": \"x\"}]}}}"), VALIDATION);
        assertTrue(message.startsWith("1 validation error detected: Value 'FROB' at 'keyConditions.pk.member.comparisonOperator'"),
                message);
        assertEquals("1 validation error detected: Value 'XOR' at 'conditionalOperator' failed to satisfy constraint:"
                + " Member must satisfy enum value set: [AND, OR]",
                assertError(post("PutItem", "{\"TableName\": \"" + table + "\", \"Item\": " + key("xor")
                        + ", \"ConditionalOperator\": \"XOR\", \"Expected\": {\"a\": {\"Exists\": false}, \"b\": {\"Exists\": false}}}"),
                        VALIDATION));
        assertFalse(exists("xor"));
    }

    // ---- values and names ----

    @Test
    void invalidUtf8IsASerializationErrorAndNothingIsWritten() throws Exception {
        for (byte[] sequence : new byte[][] {{(byte) 0xC0, (byte) 0x80}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}}) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            body.write(("{\"TableName\": \"" + table + "\", \"Item\": {\"pk\": {\"S\": \"utf\"}, \"sk\": {\"N\": \"1\"},"
                    + " \"s\": {\"S\": \"").getBytes(StandardCharsets.UTF_8));
            body.write(sequence);
            body.write("\"}}}".getBytes(StandardCharsets.UTF_8));
            assertError(post("PutItem", body.toByteArray(), null), SERIALIZATION);
        }
        assertFalse(exists("utf"));
    }

    @Test
    @OwnStackOnly // Dynamis's decision where DynamoDB's answer is not documented (or is a 5xx)
    void emptyAttributeNamesAreRefused() throws Exception {
        assertEquals("One or more parameter values were invalid: Empty attribute name",
                assertError(post("PutItem", "{\"TableName\": \"" + table + "\", \"Item\": {\"pk\": {\"S\": \"empty\"},"
                        + " \"sk\": {\"N\": \"1\"}, \"\": {\"S\": \"x\"}}}"), VALIDATION));
        assertEquals("ExpressionAttributeNames contains invalid value: Empty attribute name for key #a",
                assertError(post("GetItem", "{\"TableName\": \"" + table + "\", \"Key\": " + key("empty")
                        + ", \"ProjectionExpression\": \"#a\", \"ExpressionAttributeNames\": {\"#a\": \"\"}}"), VALIDATION));
        assertFalse(exists("empty"));
    }

    @Test
    void numbersWithDigitsOfOtherScriptsAreRefused() throws Exception {
        assertEquals("The parameter cannot be converted to a numeric value: \u0661\u0662",
                assertError(post("PutItem", "{\"TableName\": \"" + table + "\", \"Item\": {\"pk\": {\"S\": \"digits\"},"
                        + " \"sk\": {\"N\": \"\u0661\u0662\"}}}"), VALIDATION));
    }

    @Test
    void keyValuesOverTheKeySizeLimitsAreRefusedInKeyConditionsAndIndexKeys() throws Exception {
        String big = "x".repeat(3 * 1024);
        assertEquals("One or more parameter values were invalid: Size of hashkey has exceeded the maximum size limit of2048 bytes",
                assertError(post("Query", "{\"TableName\": \"" + table + "\", \"KeyConditionExpression\": \"pk = :p\","
                        + " \"ExpressionAttributeValues\": {\":p\": {\"S\": \"" + big + "\"}}}"), VALIDATION));
        assertEquals("One or more parameter values were invalid: Size of hashkey has exceeded the maximum size limit of2048 bytes",
                assertError(post("PutItem", "{\"TableName\": \"" + table + "\", \"Item\": {\"pk\": {\"S\": \"gsi\"},"
                        + " \"sk\": {\"N\": \"1\"}, \"g\": {\"S\": \"" + big + "\"}}}"), VALIDATION));
        assertFalse(exists("gsi"));
    }

    @Test
    void attributeNamesOf65535BytesWorkEverywhereButKeysAreLimitedTo255() throws Exception {
        String name = "n".repeat(65_535);
        client.putItem(b -> b.tableName(table).item(Map.of("pk", AttributeValue.fromS("long"), "sk", AttributeValue.fromN("1"),
                name, AttributeValue.fromS("v"))));
        Map<String, AttributeValue> key = Map.of("pk", AttributeValue.fromS("long"), "sk", AttributeValue.fromN("1"));
        assertEquals("v", client.getItem(b -> b.tableName(table).key(key).attributesToGet(name)).item().get(name).s());
        assertEquals("v", client.getItem(b -> b.tableName(table).key(key).projectionExpression("#n")
                .expressionAttributeNames(Map.of("#n", name))).item().get(name).s());
        String longKey = "k".repeat(256);
        String message = assertError(post("CreateTable", "{\"TableName\": \"longkeys\", \"BillingMode\": \"PAY_PER_REQUEST\","
                + " \"KeySchema\": [{\"AttributeName\": \"" + longKey + "\", \"KeyType\": \"HASH\"}],"
                + " \"AttributeDefinitions\": [{\"AttributeName\": \"" + longKey + "\", \"AttributeType\": \"S\"}]}"), VALIDATION);
        assertTrue(message.contains("at 'keySchema.1.member.attributeName' failed to satisfy constraint: Member must have length"
                + " less than or equal to 255"), message);
    }

    @Test
    void specificationsOfTheWrongJsonTypeAreSerializationErrors() throws Exception {
        String base = "{\"TableName\": \"wrongtypes\", \"BillingMode\": \"PAY_PER_REQUEST\","
                + " \"KeySchema\": [{\"AttributeName\": \"pk\", \"KeyType\": \"HASH\"}],"
                + " \"AttributeDefinitions\": [{\"AttributeName\": \"pk\", \"AttributeType\": \"S\"}], ";
        assertError(post("CreateTable", base + "\"SSESpecification\": \"yes\"}"), SERIALIZATION);
        assertError(post("CreateTable", base + "\"SSESpecification\": {\"Enabled\": \"yes\"}}"), SERIALIZATION);
        assertError(post("CreateTable", base + "\"StreamSpecification\": [true]}"), SERIALIZATION);
        assertError(post("DescribeTable", "{\"TableName\": \"wrongtypes\"}"),
                "com.amazonaws.dynamodb.v20120810#ResourceNotFoundException");
    }

    // ---- compression ----

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    @Test
    void deflateBodiesInTheZlibFormatAreAccepted() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream deflate = new DeflaterOutputStream(out, new Deflater())) {
            deflate.write(("{\"TableName\": \"" + table + "\", \"Item\": " + key("deflated") + "}").getBytes(StandardCharsets.UTF_8));
        }
        assertEquals(200, post("PutItem", out.toByteArray(), "deflate").statusCode());
        assertTrue(exists("deflated"));
    }

    @Test
    @OwnStackOnly // Dynamis's decision where DynamoDB's answer is not documented (or is a 5xx)
    void malformedCompressedBodiesAreRefusedAndNothingIsWritten() throws Exception {
        byte[] valid = gzip("{\"TableName\": \"" + table + "\", \"Item\": " + key("gz") + "}");
        byte[] junk = java.util.Arrays.copyOf(valid, valid.length + 4);
        System.arraycopy("junk".getBytes(StandardCharsets.US_ASCII), 0, junk, valid.length, 4);
        assertError(post("PutItem", junk, "gzip"), SERIALIZATION);
        assertError(post("PutItem", java.util.Arrays.copyOf(valid, valid.length - 5), "gzip"), SERIALIZATION);
        assertError(post("PutItem", new byte[0], "gzip"), SERIALIZATION);
        assertError(post("PutItem", ("{\"TableName\": \"" + table + "\", \"Item\": " + key("gz") + "}")
                .getBytes(StandardCharsets.UTF_8), "gzip"), SERIALIZATION);
        assertError(post("PutItem", new byte[0], "deflate"), SERIALIZATION);
        assertFalse(exists("gz"));
    }

    // ---- HTTP ----

    /** Sends raw bytes on a fresh connection and returns the status line of the answer. */
    private String rawStatusLine(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", stack.gatewayPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            StringBuilder line = new StringBuilder();
            for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            return line.toString();
        }
    }

    private static final String SIGNED = "Content-Type: application/x-amz-json-1.0\r\nX-Amz-Target: DynamoDB_20120810.ListTables\r\n"
            + "X-Amz-Date: 20261123T000000Z\r\nAuthorization: " + AUTHORIZATION + "\r\n";

    @Test
    @OwnStackOnly // Dynamis's decision where DynamoDB's answer is not documented (or is a 5xx)
    void httpLevelOdditiesAreBadRequests() throws Exception {
        assertEquals("HTTP/1.1 400 Bad Request", rawStatusLine("POST / HTTP/1.1\r\n" + SIGNED
                + "Content-Length: 2\r\nConnection: close\r\n\r\n{}"));
        String expect = rawStatusLine("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\n" + SIGNED
                + "Expect: frobnicate\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}");
        assertTrue(expect.startsWith("HTTP/1.1 4"), expect);
        assertEquals("HTTP/1.1 400 Bad Request", rawStatusLine("POST / HTTP/1.1\r\n\r\n"));
        assertEquals("HTTP/1.1 200 OK", rawStatusLine("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\n" + SIGNED
                + "Content-Length: 2\r\nConnection: close\r\n\r\n{}"));
    }

    @Test
    void theHealthAnswerIsOnlyOnTheRootAndOtherPathsAreNotFound() throws Exception {
        HttpResponse<String> other = http.send(HttpRequest.newBuilder(stack.endpoint().resolve("/foo")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(404, other.statusCode());
        HttpResponse<String> root = http.send(HttpRequest.newBuilder(stack.endpoint()).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, root.statusCode());
    }

    @Test
    void corsHeadersOnlyAnswerRequestsWithAnOrigin() throws Exception {
        HttpResponse<String> plain = http.send(HttpRequest.newBuilder(stack.endpoint())
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(plain.headers().firstValue("Access-Control-Max-Age").isEmpty());
        assertTrue(plain.headers().firstValue("Access-Control-Allow-Origin").isEmpty());
        HttpResponse<String> post = post("ListTables", "{}");
        assertTrue(post.headers().firstValue("Access-Control-Allow-Origin").isEmpty());
        assertTrue(post.headers().firstValue("Access-Control-Max-Age").isEmpty());
    }

    // ---- fuzzing ----

    private static final List<JsonNode> JUNK = new ArrayList<>();

    static {
        for (String junk : new String[] {"null", "\"\"", "\"x\"", "0", "-1", "1e400", "18446744073709551616", "true", "[]", "{}",
                "[1]", "{\"S\": \"x\"}", "{\"N\": \"x\"}", "{\"L\": null}", "\"FROB\"", "\"\\u0000\"", "{\"M\": {\"\": {\"S\": \"\"}}}",
                "[{}]", "[[]]", "{\"SS\": []}", "{\"B\": \"!!\"}", "\"((((((((((a = :v))))))))))\""}) {
            try {
                JUNK.add(JSON.readTree(junk));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static JsonNode mutate(JsonNode node, Random random) {
        double r = random.nextDouble();
        if (node instanceof ObjectNode object && !object.isEmpty() && r < 0.7) {
            ObjectNode copy = object.deepCopy();
            List<String> names = new ArrayList<>();
            copy.fieldNames().forEachRemaining(names::add);
            String name = names.get(random.nextInt(names.size()));
            double c = random.nextDouble();
            if (c < 0.15) {
                copy.remove(name);
            } else if (c < 0.3) {
                copy.set(name, JUNK.get(random.nextInt(JUNK.size())));
            } else if (c < 0.4) {
                copy.set(List.of("", "#x", ":y", "Foo", name + "x").get(random.nextInt(5)), JUNK.get(random.nextInt(JUNK.size())));
            } else {
                copy.set(name, mutate(copy.get(name), random));
            }
            return copy;
        }
        if (node instanceof ArrayNode array && !array.isEmpty() && r < 0.7) {
            ArrayNode copy = array.deepCopy();
            int i = random.nextInt(copy.size());
            double c = random.nextDouble();
            if (c < 0.2) {
                copy.remove(i);
            } else if (c < 0.35) {
                copy.add(copy.get(i).deepCopy());
            } else if (c < 0.5) {
                copy.set(i, JUNK.get(random.nextInt(JUNK.size())));
            } else {
                copy.set(i, mutate(copy.get(i), random));
            }
            return copy;
        }
        if (node.isTextual() && r < 0.6) {
            String s = node.textValue();
            int cut = random.nextInt(s.length() + 1);
            String[] edits = {s.substring(0, cut), s + List.of(")", "(", " AND", ",", "[", "]", ".", "#", ":", "=").get(random.nextInt(10)),
                "(".repeat(300) + s + ")".repeat(300), s.replace(" ", ""), s.toUpperCase(), new StringBuilder(s).reverse().toString()};
            return JSON.getNodeFactory().textNode(edits[random.nextInt(edits.length)]);
        }
        return JUNK.get(random.nextInt(JUNK.size()));
    }

    @Test
    void aFewThousandMutatedRequestsGetNoServerErrorAndTheGatewayStillServes() throws Exception {
        String item = "{\"pk\": {\"S\": \"f\"}, \"sk\": {\"N\": \"1\"}, \"g\": {\"S\": \"x\"}, \"l\": {\"L\": [{\"N\": \"1\"}]},"
                + " \"m\": {\"M\": {\"k\": {\"BOOL\": true}}}, \"ss\": {\"SS\": [\"a\", \"b\"]}}";
        String[][] seeds = {
            {"PutItem", "{\"TableName\": \"T\", \"Item\": " + item + ", \"ConditionExpression\": \"attribute_not_exists(pk) OR #m.k = :t\","
                + " \"ExpressionAttributeNames\": {\"#m\": \"m\"}, \"ExpressionAttributeValues\": {\":t\": {\"BOOL\": true}}}"},
            {"GetItem", "{\"TableName\": \"T\", \"Key\": " + key("f") + ", \"ProjectionExpression\": \"l[0], m.k, #s\","
                + " \"ExpressionAttributeNames\": {\"#s\": \"ss\"}}"},
            {"UpdateItem", "{\"TableName\": \"T\", \"Key\": " + key("f") + ", \"UpdateExpression\": \"SET l[1] = :v,"
                + " n = if_not_exists(n, :z) + :one ADD ss :s REMOVE m.k\", \"ExpressionAttributeValues\": {\":v\": {\"S\": \"q\"},"
                + " \":z\": {\"N\": \"0\"}, \":one\": {\"N\": \"1\"}, \":s\": {\"SS\": [\"c\"]}}, \"ReturnValues\": \"UPDATED_NEW\"}"},
            {"Query", "{\"TableName\": \"T\", \"KeyConditionExpression\": \"pk = :p AND sk BETWEEN :a AND :b\","
                + " \"FilterExpression\": \"size(l) > :z\", \"ExpressionAttributeValues\": {\":p\": {\"S\": \"f\"}, \":a\": {\"N\": \"0\"},"
                + " \":b\": {\"N\": \"9\"}, \":z\": {\"N\": \"0\"}}, \"Limit\": 5}"},
            {"Query", "{\"TableName\": \"T\", \"IndexName\": \"byG\", \"KeyConditions\": {\"g\": {\"ComparisonOperator\": \"EQ\","
                + " \"AttributeValueList\": [{\"S\": \"x\"}]}}, \"QueryFilter\": {\"l\": {\"ComparisonOperator\": \"NOT_NULL\"}}}"},
            {"Scan", "{\"TableName\": \"T\", \"ScanFilter\": {\"ss\": {\"ComparisonOperator\": \"CONTAINS\", \"AttributeValueList\":"
                + " [{\"S\": \"a\"}]}}, \"Segment\": 0, \"TotalSegments\": 2, \"AttributesToGet\": [\"pk\", \"l\"]}"},
            {"BatchWriteItem", "{\"RequestItems\": {\"T\": [{\"PutRequest\": {\"Item\": " + item + "}},"
                + " {\"DeleteRequest\": {\"Key\": " + key("b") + "}}]}}"},
            {"BatchGetItem", "{\"RequestItems\": {\"T\": {\"Keys\": [" + key("f") + "], \"ProjectionExpression\": \"pk\"}}}"},
            {"TransactWriteItems", "{\"TransactItems\": [{\"Put\": {\"TableName\": \"T\", \"Item\": " + item + "}},"
                + " {\"Update\": {\"TableName\": \"T\", \"Key\": " + key("c") + ", \"UpdateExpression\": \"SET x = :x\","
                + " \"ExpressionAttributeValues\": {\":x\": {\"NS\": [\"1\"]}}}}]}"},
            {"TransactGetItems", "{\"TransactItems\": [{\"Get\": {\"TableName\": \"T\", \"Key\": " + key("f") + "}}]}"},
            {"DeleteItem", "{\"TableName\": \"T\", \"Key\": " + key("z") + ", \"Expected\": {\"q\": {\"Exists\": false}}}"},
            {"UpdateTable", "{\"TableName\": \"T\", \"GlobalSecondaryIndexUpdates\": [{\"Create\": {\"IndexName\": \"i2\","
                + " \"KeySchema\": [{\"AttributeName\": \"g\", \"KeyType\": \"HASH\"}], \"Projection\": {\"ProjectionType\": \"KEYS_ONLY\"}}}],"
                + " \"AttributeDefinitions\": [{\"AttributeName\": \"g\", \"AttributeType\": \"S\"}]}"},
            {"CreateTable", "{\"TableName\": \"fuzzed\", \"KeySchema\": [{\"AttributeName\": \"pk\", \"KeyType\": \"HASH\"}],"
                + " \"AttributeDefinitions\": [{\"AttributeName\": \"pk\", \"AttributeType\": \"S\"}], \"ProvisionedThroughput\":"
                + " {\"ReadCapacityUnits\": 1, \"WriteCapacityUnits\": 1}, \"Tags\": [{\"Key\": \"k\", \"Value\": \"v\"}],"
                + " \"SSESpecification\": {\"Enabled\": true}}"},
            {"ListTagsOfResource", "{\"ResourceArn\": \"arn:aws:dynamodb:us-east-1:000000000000:table/T\"}"},
            {"UpdateTimeToLive", "{\"TableName\": \"T\", \"TimeToLiveSpecification\": {\"Enabled\": true, \"AttributeName\": \"ttl\"}}"},
        };
        Random random = new Random(17);
        int requests = Integer.getInteger("dynamis.it.fuzz-requests", 2000);
        List<String> serverErrors = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            String[] seed = seeds[random.nextInt(seeds.length)];
            JsonNode body = JSON.readTree(seed[1].replace("\"T\"", "\"" + table + "\"")
                    .replace("table/T\"", "table/" + table + "\""));
            for (int edits = 1 + random.nextInt(3); edits > 0; edits--) {
                body = mutate(body, random);
            }
            HttpResponse<String> response = post(seed[0], JSON.writeValueAsBytes(body), null);
            if (response.statusCode() >= 500) {
                serverErrors.add(seed[0] + " " + response.statusCode() + " " + response.body() + " <- " + body);
            }
        }
        assertTrue(serverErrors.isEmpty(), serverErrors.size() + " server errors, first: "
                + serverErrors.stream().limit(3).toList());
        assertEquals(200, post("ListTables", "{}").statusCode());
        assertEquals(200, post("DescribeTable", "{\"TableName\": \"" + table + "\"}").statusCode());
    }
}
