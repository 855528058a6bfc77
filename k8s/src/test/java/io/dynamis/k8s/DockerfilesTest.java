package io.dynamis.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The services' images, checked without a Docker engine: each Quarkus application has a
 * {@code src/main/docker/Dockerfile.jvm} that parses (one stage, FROM first), starts from a JRE named by a
 * tag (never latest; a digest, when given, well formed), copies exactly the fast-jar layout, runs as a
 * non-root user and exposes the application's port. When the module has been packaged, every path it
 * copies must exist in {@code target/quarkus-app}.
 */
class DockerfilesTest {

    /** The fast-jar layout of {@code target/quarkus-app}, as the Dockerfiles copy it. */
    static final Set<String> FAST_JAR = Set.of("target/quarkus-app/lib/", "target/quarkus-app/*.jar",
            "target/quarkus-app/app/", "target/quarkus-app/quarkus/");

    record Instruction(String keyword, String arguments) {
    }

    /** The Quarkus applications of the build: the modules whose pom runs the quarkus-maven-plugin. */
    static List<String> applications() throws IOException {
        String pom = Files.readString(Manifests.ROOT.resolve("pom.xml"));
        List<String> modules = new ArrayList<>();
        Matcher m = Pattern.compile("<module>([^<]+)</module>").matcher(pom);
        while (m.find()) {
            Path modulePom = Manifests.ROOT.resolve(m.group(1)).resolve("pom.xml");
            if (Files.readString(modulePom).contains("<artifactId>quarkus-maven-plugin</artifactId>")) {
                modules.add(m.group(1));
            }
        }
        return modules;
    }

    /** Instructions, with continuation lines joined and comments dropped, as Docker reads them. */
    static List<Instruction> parse(Path dockerfile) throws IOException {
        List<Instruction> instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String raw : Files.readAllLines(dockerfile)) {
            String line = raw.strip();
            if (line.startsWith("#") || line.isEmpty() && current.length() == 0) {
                continue;
            }
            if (line.endsWith("\\")) {
                current.append(line, 0, line.length() - 1).append(' ');
                continue;
            }
            current.append(line);
            String text = current.toString().strip();
            current.setLength(0);
            int space = text.indexOf(' ');
            if (space < 0) {
                throw new AssertionError(dockerfile + ": instruction without arguments: " + text);
            }
            instructions.add(new Instruction(text.substring(0, space).toUpperCase(), text.substring(space + 1).strip()));
        }
        if (current.length() > 0) {
            throw new AssertionError(dockerfile + " ends in a continuation line");
        }
        return instructions;
    }

    @Test
    void everyQuarkusApplicationHasAnImage() throws IOException {
        List<String> applications = applications();
        assertEquals(Set.of("api-gateway", "item-service", "query-service", "cache-service", "backup-service", "server"),
                Set.copyOf(applications));
        for (String module : applications) {
            assertTrue(Files.isRegularFile(dockerfile(module)), module + " has no src/main/docker/Dockerfile.jvm");
        }
    }

    static List<String> modules() throws IOException {
        return applications();
    }

    @ParameterizedTest
    @MethodSource("modules")
    void dockerfileIsAFastJarOnAPinnedJreAsANonRootUser(String module) throws IOException {
        Path file = dockerfile(module);
        List<Instruction> instructions = parse(file);
        Set<String> known = Set.of("FROM", "RUN", "ENV", "WORKDIR", "COPY", "VOLUME", "EXPOSE", "USER", "ENTRYPOINT", "LABEL", "ARG");
        for (Instruction i : instructions) {
            assertTrue(known.contains(i.keyword()), file + ": unexpected instruction " + i.keyword());
        }
        assertEquals("FROM", instructions.get(0).keyword(), file + ": the first instruction is not FROM");
        List<Instruction> froms = instructions.stream().filter(i -> i.keyword().equals("FROM")).toList();
        assertEquals(1, froms.size(), file + ": one stage (the build runs in Maven, not in Docker)");
        String base = froms.get(0).arguments();
        Matcher tagged = Pattern.compile("([a-z0-9._/-]+):([A-Za-z0-9._-]+)(@sha256:[0-9a-f]{64})?").matcher(base);
        assertTrue(tagged.matches(), file + ": FROM " + base + " names no tag (or a malformed digest)");
        assertFalse(tagged.group(2).equals("latest"), file + ": FROM " + base + " uses latest");
        assertTrue(tagged.group(2).startsWith("17"), file + ": the JRE is not Java 17, the build's release: " + base);
        assertTrue(tagged.group(2).contains("jre"), file + ": a JRE is enough at run time: " + base);

        List<Instruction> users = instructions.stream().filter(i -> i.keyword().equals("USER")).toList();
        assertFalse(users.isEmpty(), file + ": no USER: the image would run as root");
        String user = users.get(users.size() - 1).arguments();
        assertFalse(user.equals("root") || user.equals("0") || user.startsWith("0:") || user.startsWith("root:"),
                file + ": runs as " + user);
        assertTrue(user.matches("[0-9]+(:[0-9]+)?"), file + ": USER " + user + " is not numeric (runAsNonRoot cannot check a name)");
        int lastUser = instructions.lastIndexOf(users.get(users.size() - 1));
        int entry = indexOf(instructions, "ENTRYPOINT");
        assertTrue(entry > lastUser, file + ": ENTRYPOINT comes before the last USER");
        for (int i = lastUser + 1; i < instructions.size(); i++) {
            assertFalse(instructions.get(i).keyword().equals("RUN"), file + ": RUN after USER " + user);
        }

        Set<String> copied = new TreeSet<>();
        for (Instruction copy : instructions.stream().filter(i -> i.keyword().equals("COPY")).toList()) {
            List<String> parts = new ArrayList<>(List.of(copy.arguments().split("\\s+")));
            parts.removeIf(p -> p.startsWith("--"));
            assertTrue(parts.size() >= 2, file + ": COPY " + copy.arguments());
            String destination = parts.remove(parts.size() - 1);
            assertTrue(destination.startsWith("/deployments/"), file + ": COPY into " + destination);
            copied.addAll(parts);
        }
        assertEquals(FAST_JAR, copied, file + ": COPY sources are not the fast-jar layout");

        Matcher json = Pattern.compile("\\[(.*)]").matcher(instructions.get(entry).arguments());
        assertTrue(json.matches(), file + ": ENTRYPOINT is not in exec (JSON) form");
        List<String> command = new ArrayList<>();
        Matcher word = Pattern.compile("\"([^\"]*)\"").matcher(json.group(1));
        while (word.find()) {
            command.add(word.group(1));
        }
        assertEquals("java", command.get(0), file.toString());
        int jar = command.indexOf("-jar");
        assertTrue(jar > 0 && command.get(jar + 1).equals("/deployments/quarkus-run.jar"), file + ": does not run quarkus-run.jar");
        if (module.equals("cache-service") || module.equals("server")) {
            assertTrue(command.contains("java.base/sun.nio.ch=ALL-UNNAMED"), file + ": Hazelcast's JDK options missing");
        }

        Set<String> exposed = new TreeSet<>();
        for (Instruction expose : instructions.stream().filter(i -> i.keyword().equals("EXPOSE")).toList()) {
            exposed.addAll(List.of(expose.arguments().split("\\s+")));
        }
        String httpPort = httpPort(module);
        assertTrue(exposed.contains(httpPort), file + ": EXPOSE " + exposed + " lacks the HTTP port " + httpPort);
        assertTrue(instructions.stream().anyMatch(i -> i.keyword().equals("ENV") && i.arguments().contains("QUARKUS_HTTP_HOST=0.0.0.0")),
                file + ": the application binds 127.0.0.1 unless QUARKUS_HTTP_HOST=0.0.0.0");
    }

    /** After {@code ./mvnw package}, what the Dockerfile copies is there. */
    @ParameterizedTest
    @MethodSource("modules")
    void copiedPathsExistAfterPackage(String module) throws IOException {
        Path app = Manifests.ROOT.resolve(module).resolve("target/quarkus-app");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(app.resolve("quarkus-run.jar")),
                module + " is not packaged (no target/quarkus-app/quarkus-run.jar): nothing to compare with yet");
        for (String source : FAST_JAR) {
            Path moduleDir = Manifests.ROOT.resolve(module);
            if (source.endsWith("*.jar")) {
                try (DirectoryStream<Path> jars = Files.newDirectoryStream(moduleDir.resolve("target/quarkus-app"), "*.jar")) {
                    assertTrue(jars.iterator().hasNext(), module + ": " + source + " matches nothing");
                }
            } else {
                assertTrue(Files.isDirectory(moduleDir.resolve(source)), module + ": " + source + " does not exist");
            }
        }
    }

    static Path dockerfile(String module) {
        return Manifests.ROOT.resolve(module).resolve("src/main/docker/Dockerfile.jvm");
    }

    static String httpPort(String module) throws IOException {
        Properties p = new Properties();
        try (var in = Files.newInputStream(Manifests.ROOT.resolve(module).resolve("src/main/resources/application.properties"))) {
            p.load(in);
        }
        return p.getProperty("quarkus.http.port");
    }

    private static int indexOf(List<Instruction> instructions, String keyword) {
        for (int i = 0; i < instructions.size(); i++) {
            if (instructions.get(i).keyword().equals(keyword)) {
                return i;
            }
        }
        throw new AssertionError("no " + keyword);
    }
}
