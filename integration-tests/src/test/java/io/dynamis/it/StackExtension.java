package io.dynamis.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts one {@link DynamisStack} for the whole test run (from a clean data folder) and stops it when
 * the run ends. Test classes receive it as a constructor or method parameter.
 *
 * <p>With the system property {@code dynamis.it.endpoint} set (e.g. {@code http://127.0.0.1:8000}, a
 * DynamoDB Local or an already running Dynamis), nothing is started or stopped: the SDK clients point at
 * that endpoint, and test classes or methods annotated {@link OwnStackOnly} (they start, stop or kill
 * processes, or read their metrics) are skipped.
 */
public final class StackExtension implements BeforeAllCallback, ParameterResolver, ExecutionCondition {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(StackExtension.class);

    /** Stops the stack when JUnit closes the root store at the end of the run. */
    private record Running(DynamisStack stack) implements AutoCloseable {
        @Override
        public void close() {
            if (!stack.isExternal()) {
                stack.stop();
            }
        }
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        boolean ownStackOnly = context.getElement()
                .map(element -> element.isAnnotationPresent(OwnStackOnly.class))
                .orElse(false);
        if (ownStackOnly && !System.getProperty("dynamis.it.endpoint", "").isBlank()) {
            return ConditionEvaluationResult.disabled("needs the processes of its own stack; dynamis.it.endpoint="
                    + System.getProperty("dynamis.it.endpoint"));
        }
        boolean servicesOnly = context.getElement()
                .map(element -> element.isAnnotationPresent(ServicesTopologyOnly.class))
                .orElse(false);
        if (servicesOnly && !"services".equalsIgnoreCase(System.getProperty("dynamis.it.topology", "one").trim())) {
            return ConditionEvaluationResult.disabled("about the services topology (its broker or several processes);"
                    + " dynamis.it.topology=" + System.getProperty("dynamis.it.topology", "one"));
        }
        return ConditionEvaluationResult.enabled("runs against any endpoint");
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        stack(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == DynamisStack.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return stack(context);
    }

    private static DynamisStack stack(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(Running.class, key -> {
                    DynamisStack stack = DynamisStack.fromSystemProperties();
                    if (stack.isExternal()) {
                        return new Running(stack);
                    }
                    stack.stop(); // a stack left behind by an interrupted run
                    deleteRecursively(stack.dataDir());
                    stack.start();
                    return new Running(stack);
                }, Running.class)
                .stack();
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
