package io.dynamis.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Whether an environment variable a manifest sets is a setting the application reads: a typo in
 * {@code DYNAMIS_GATEWAY_ACCELERATOR_JOIN} would be ignored silently at run time. The settings are the
 * {@code @ConfigMapping} interfaces of the image's modules (read from their sources): an env var
 * {@code <PREFIX>_<A>_<B>...} is known when, after the mapping's prefix, its words are a method of the
 * mapping ({@code A_B} → {@code aB()}), or a group and a method ({@code A} → {@code a()}, {@code B} → {@code b()}).
 */
final class Settings {

    /** Read through {@code @ConfigProperty} or by Quarkus itself, not through a mapping. */
    static final Set<String> OTHERS = Set.of("QUARKUS_HTTP_HOST", "QUARKUS_HTTP_PORT", "KAFKA_BOOTSTRAP_SERVERS",
            "DYNAMIS_ROLES", "JAVA_TOOL_OPTIONS",
            // read by core's InternalAuth in every process (the gateway also maps them in AuthConfig)
            "DYNAMIS_AUTH_MODE", "DYNAMIS_AUTH_ROOT_SECRET_ACCESS_KEY",
            // read by core's ShardRouter in every process (item-service also maps them in ItemServiceConfig)
            "DYNAMIS_ITEM_SHARDS", "DYNAMIS_ITEM_SHARD_URLS");

    /** The modules whose code an image runs (core, the shared library, in each). */
    static final Map<String, List<String>> MODULES = Map.of(
            "api-gateway", List.of("core", "api-gateway"),
            "item-service", List.of("core", "item-service"),
            "query-service", List.of("core", "query-service"),
            "cache-service", List.of("core", "cache-service"),
            "backup-service", List.of("core", "backup-service"),
            "server", List.of("core", "api-gateway", "item-service", "query-service", "cache-service", "backup-service"));

    private static final Pattern PREFIX = Pattern.compile("@ConfigMapping\\(prefix = \"([a-z.-]+)\"\\)");

    private Settings() {
    }

    record Mapping(String envPrefix, String source) {
    }

    static List<Mapping> mappings(String image) {
        List<Mapping> mappings = new ArrayList<>();
        for (String module : MODULES.getOrDefault(image, List.of())) {
            try (Stream<Path> files = Files.walk(Manifests.ROOT.resolve(module).resolve("src/main/java"))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    String source = Files.readString(file);
                    Matcher prefix = PREFIX.matcher(source);
                    if (prefix.find()) {
                        mappings.add(new Mapping(prefix.group(1).toUpperCase(Locale.ROOT).replaceAll("[.-]", "_") + "_", source));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return mappings;
    }

    /** Whether {@code name} is read by an application of these mappings. */
    static boolean known(List<Mapping> mappings, String name) {
        if (OTHERS.contains(name)) {
            return true;
        }
        Mapping longest = null;
        for (Mapping m : mappings) {
            if (name.startsWith(m.envPrefix()) && (longest == null || m.envPrefix().length() > longest.envPrefix().length())) {
                longest = m;
            }
        }
        if (longest == null) {
            return false;
        }
        String[] words = name.substring(longest.envPrefix().length()).toLowerCase(Locale.ROOT).split("_");
        for (int split = 0; split < words.length; split++) {
            String method = camel(Arrays.copyOfRange(words, split, words.length));
            String group = camel(Arrays.copyOfRange(words, 0, split));
            if (longest.source().contains(" " + method + "()") && (split == 0 || longest.source().contains(" " + group + "()"))) {
                return true;
            }
        }
        return false;
    }

    private static String camel(String[] words) {
        StringBuilder s = new StringBuilder();
        for (String w : words) {
            s.append(s.length() == 0 ? w : Character.toUpperCase(w.charAt(0)) + w.substring(1));
        }
        return s.toString();
    }
}
