package io.dynamis.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The tools applications really use, unchanged, pointed at Dynamis: the AWS CLI v2 and a Node.js app
 * with {@code @aws-sdk/client-dynamodb}, each running a create / put / query / describe / delete session.
 *
 * <p>Each needs its tool on the machine (the CLI v2 as {@code aws}, Node.js with npm, which installs the
 * SDK into {@code target/node-client} once). Without it the test is skipped — unless the environment
 * sets {@code DYNAMIS_IT_REQUIRE_CLIENT_TOOLS=1}, as {@code .ci/run} does after installing them, so CI
 * cannot skip them silently.
 */
@ExtendWith(StackExtension.class)
class ClientToolsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long TIMEOUT_SECONDS = 240;

    private final DynamisStack stack;

    ClientToolsIT(DynamisStack stack) {
        this.stack = stack;
    }

    record Result(int exit, String out, String err) {
    }

    static Result run(Path dir, Map<String, String> env, List<String> command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        process.getOutputStream().close();
        byte[][] streams = new byte[2][];
        Thread err = new Thread(() -> streams[1] = readAll(process.getErrorStream()));
        err.start();
        streams[0] = readAll(process.getInputStream());
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("timed out: " + command);
        }
        err.join();
        return new Result(process.exitValue(), new String(streams[0], StandardCharsets.UTF_8),
                new String(streams[1], StandardCharsets.UTF_8));
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            return new byte[0];
        }
    }

    static void requireTool(boolean present, String what) {
        if ("1".equals(System.getenv("DYNAMIS_IT_REQUIRE_CLIENT_TOOLS"))) {
            assertTrue(present, what + " is required here (DYNAMIS_IT_REQUIRE_CLIENT_TOOLS=1) but missing");
        }
        Assumptions.assumeTrue(present, what + " is not installed");
    }

    /** The AWS CLI v2 executable: {@code /usr/bin/aws} (Debian's awscli package) or {@code aws} on the PATH. */
    static String awsCliV2() throws Exception {
        for (String candidate : new String[] {"/usr/bin/aws", "aws"}) {
            try {
                Result version = run(Path.of("."), Map.of(), List.of(candidate, "--version"));
                if (version.exit() == 0 && (version.out() + version.err()).startsWith("aws-cli/2.")) {
                    return candidate;
                }
            } catch (IOException notThere) {
                // try the next one
            }
        }
        return null;
    }

    @Test
    void awsCliVersionTwoRunsASession() throws Exception {
        String table = Tables.uniqueName("cli");
        List<String> base = awsCliSession();

        JsonNode created = cli(base, "create-table", "--table-name", table,
                "--attribute-definitions", "AttributeName=Artist,AttributeType=S", "AttributeName=Song,AttributeType=S",
                "--key-schema", "AttributeName=Artist,KeyType=HASH", "AttributeName=Song,KeyType=RANGE",
                "--billing-mode", "PAY_PER_REQUEST");
        assertEquals(table, created.path("TableDescription").path("TableName").asText());
        for (String song : new String[] {"Call Me Today", "Calling", "Happy Day"}) {
            cli(base, "put-item", "--table-name", table, "--item",
                    "{\"Artist\":{\"S\":\"No One You Know\"},\"Song\":{\"S\":\"" + song + "\"}}");
        }
        JsonNode queried = cli(base, "query", "--table-name", table,
                "--key-condition-expression", "Artist = :a AND begins_with(Song, :s)",
                "--expression-attribute-values", "{\":a\":{\"S\":\"No One You Know\"},\":s\":{\"S\":\"Call\"}}");
        assertEquals(2, queried.path("Count").asInt(), queried.toString());
        assertEquals("Call Me Today", queried.path("Items").get(0).path("Song").path("S").asText());
        JsonNode selected = cli(base, "execute-statement", "--statement",
                "SELECT Song FROM \"" + table + "\" WHERE Artist = ? AND begins_with(Song, 'Call')",
                "--parameters", "[{\"S\":\"No One You Know\"}]");
        assertEquals("[{\"Song\":{\"S\":\"Call Me Today\"}},{\"Song\":{\"S\":\"Calling\"}}]",
                selected.path("Items").toString());
        cli(base, "execute-statement", "--statement",
                "INSERT INTO \"" + table + "\" VALUE {'Artist': 'Acme Band', 'Song': 'PartiQL Rocks'}");
        JsonNode described = cli(base, "describe-table", "--table-name", table);
        assertEquals("ACTIVE", described.path("Table").path("TableStatus").asText());
        assertEquals(4, described.path("Table").path("ItemCount").asInt(), "three put-item and one PartiQL INSERT");
        JsonNode deleted = cli(base, "delete-table", "--table-name", table);
        assertEquals("DELETING", deleted.path("TableDescription").path("TableStatus").asText());
    }

    @Test
    void awsCliVersionTwoCreatesAndQueriesAMultiAttributeGlobalIndex() throws Exception {
        String table = Tables.uniqueName("cli-gsi");
        List<String> base = awsCliSession();
        cli(base, "create-table", "--table-name", table,
                "--attribute-definitions", "AttributeName=id,AttributeType=S", "AttributeName=tournament,AttributeType=S",
                "AttributeName=region,AttributeType=S", "AttributeName=round,AttributeType=N",
                "AttributeName=score,AttributeType=N",
                "--key-schema", "AttributeName=id,KeyType=HASH",
                "--global-secondary-indexes", "[{\"IndexName\":\"byTournament\",\"KeySchema\":["
                        + "{\"AttributeName\":\"tournament\",\"KeyType\":\"HASH\"},"
                        + "{\"AttributeName\":\"region\",\"KeyType\":\"HASH\"},"
                        + "{\"AttributeName\":\"round\",\"KeyType\":\"RANGE\"},"
                        + "{\"AttributeName\":\"score\",\"KeyType\":\"RANGE\"}],"
                        + "\"Projection\":{\"ProjectionType\":\"ALL\"}}]",
                "--billing-mode", "PAY_PER_REQUEST");
        JsonNode described = cli(base, "describe-table", "--table-name", table);
        assertEquals(4, described.path("Table").path("GlobalSecondaryIndexes").get(0).path("KeySchema").size(),
                described.toString());
        int[][] games = {{1, 10}, {1, 30}, {2, 20}, {2, 40}};
        for (int i = 0; i < games.length; i++) {
            cli(base, "put-item", "--table-name", table, "--item", "{\"id\":{\"S\":\"g" + i + "\"},"
                    + "\"tournament\":{\"S\":\"spring\"},\"region\":{\"S\":\"eu\"},"
                    + "\"round\":{\"N\":\"" + games[i][0] + "\"},\"score\":{\"N\":\"" + games[i][1] + "\"}}");
        }
        JsonNode queried = cli(base, "query", "--table-name", table, "--index-name", "byTournament",
                "--key-condition-expression", "tournament = :t AND #r = :r AND #round = :n AND score > :s",
                "--expression-attribute-names", "{\"#r\":\"region\",\"#round\":\"round\"}",
                "--expression-attribute-values",
                "{\":t\":{\"S\":\"spring\"},\":r\":{\"S\":\"eu\"},\":n\":{\"N\":\"2\"},\":s\":{\"N\":\"25\"}}");
        assertEquals(1, queried.path("Count").asInt(), queried.toString());
        assertEquals("g3", queried.path("Items").get(0).path("id").path("S").asText());
        cli(base, "delete-table", "--table-name", table);
    }

    /** The environment every AWS CLI call of these tests runs with: dummy keys, no config files, no pager. */
    static final Map<String, String> CLI_ENV = Map.of("AWS_ACCESS_KEY_ID", "local",
            "AWS_SECRET_ACCESS_KEY", "local", "AWS_DEFAULT_REGION", "us-east-1", "AWS_PAGER", "",
            "AWS_CONFIG_FILE", "/dev/null", "AWS_SHARED_CREDENTIALS_FILE", "/dev/null");

    /** The command every AWS CLI call starts with ({@code aws dynamodb} against the stack), or the test skipped. */
    private List<String> awsCliSession() throws Exception {
        String aws = awsCliV2();
        requireTool(aws != null, "the AWS CLI v2");
        return List.of(aws, "dynamodb", "--endpoint-url", stack.endpoint().toString(), "--output", "json");
    }

    private static JsonNode cli(List<String> base, String... args) throws Exception {
        List<String> command = new ArrayList<>(base);
        command.addAll(List.of(args));
        Result result = run(Path.of("."), CLI_ENV, command);
        assertEquals(0, result.exit(), "aws " + String.join(" ", args) + "\n" + result.err());
        return result.out().isBlank() ? JSON.createObjectNode() : JSON.readTree(result.out());
    }

    @Test
    void aNodeAppWithTheJavaScriptSdkRunsASession() throws Exception {
        boolean hasNode = false;
        try {
            hasNode = run(Path.of("."), Map.of(), List.of("node", "--version")).exit() == 0
                    && run(Path.of("."), Map.of(), List.of("npm", "--version")).exit() == 0;
        } catch (IOException notThere) {
            // no node
        }
        requireTool(hasNode, "Node.js with npm");
        Path dir = Path.of("target", "node-client").toAbsolutePath();
        Files.createDirectories(dir);
        try (InputStream script = getClass().getResourceAsStream("/clients/node-session.mjs")) {
            Files.write(dir.resolve("session.mjs"), script.readAllBytes());
        }
        if (!Files.isDirectory(dir.resolve("node_modules/@aws-sdk/client-dynamodb"))) {
            Files.writeString(dir.resolve("package.json"), "{\"name\":\"dynamis-node-client\",\"private\":true}");
            Result install = run(dir, Map.of(), List.of("npm", "install", "--no-audit", "--no-fund",
                    "@aws-sdk/client-dynamodb@3"));
            assertEquals(0, install.exit(), "npm install\n" + install.err());
        }
        String table = Tables.uniqueName("node");
        Result session = run(dir, Map.of(), List.of("node", "session.mjs", stack.endpoint().toString(), table));
        assertEquals(0, session.exit(), session.err());
        JsonNode summary = JSON.readTree(session.out().strip());
        assertEquals("[3,2]", summary.path("queried").toString());
        assertEquals(2, summary.path("count").asInt());
        assertEquals("ACTIVE", summary.path("status").asText());
        assertEquals(3, summary.path("itemCount").asInt());
        assertEquals("DELETING", summary.path("deletedStatus").asText());
    }
}
