package io.dynamis.core.expression;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Parsed expressions by (kind of grammar, text), least recently used first out. Clients send the
 * same few expressions over and over with different values, so parsing once pays; placeholders stay
 * unresolved in the cached trees. Syntax errors and exceeded limits are cached too. Thread-safe; bounded.
 */
final class ExpressionCache {

    static final int CAPACITY = 10_000;

    private static final ExpressionCache SHARED = new ExpressionCache(CAPACITY);

    private record Key(Grammar grammar, String text) {
    }

    private enum Grammar { CONDITION, UPDATE, PROJECTION }

    /** A tree, or the syntax error (or exceeded limit) its text has. */
    private record Parsed(Object tree, RuntimeException error) {
    }

    private final Map<Key, Parsed> entries;

    ExpressionCache(int capacity) {
        this.entries = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Parsed> eldest) {
                return size() > capacity;
            }
        };
    }

    static ExpressionCache shared() {
        return SHARED;
    }

    Ast.ConditionTree condition(String text) {
        return (Ast.ConditionTree) get(Grammar.CONDITION, text, Parser::parseCondition);
    }

    Ast.UpdateTree update(String text) {
        return (Ast.UpdateTree) get(Grammar.UPDATE, text, Parser::parseUpdate);
    }

    Ast.ProjectionTree projection(String text) {
        return (Ast.ProjectionTree) get(Grammar.PROJECTION, text, Parser::parseProjection);
    }

    synchronized int size() {
        return entries.size();
    }

    private Object get(Grammar grammar, String text, Function<String, ?> parser) {
        Key key = new Key(grammar, text);
        Parsed parsed;
        synchronized (this) {
            parsed = entries.get(key);
        }
        if (parsed == null) {
            try {
                parsed = new Parsed(parser.apply(text), null);
            } catch (ExpressionSyntaxException | ExpressionLimitException e) {
                parsed = new Parsed(null, e);
            }
            synchronized (this) {
                entries.put(key, parsed);
            }
        }
        if (parsed.error() != null) {
            throw parsed.error();
        }
        return parsed.tree();
    }
}
