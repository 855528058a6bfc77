package io.dynamis.core.expression;

import io.dynamis.core.model.AttributeValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A projection of document paths. Nested paths keep their enclosing maps and lists; elements picked
 * from a list come back as a shorter list, in index order ({@code a[3], a[1]} gives {@code [a[1], a[3]]}).
 */
final class PathProjection implements Projection {

    private final List<DocumentPath> paths;

    PathProjection(List<DocumentPath> paths) {
        this.paths = List.copyOf(paths);
    }

    List<DocumentPath> paths() {
        return paths;
    }

    @Override
    public java.util.Set<String> attributes() {
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        paths.forEach(path -> names.add((String) path.elements().get(0)));
        return names;
    }

    @Override
    public Map<String, AttributeValue> apply(Map<String, AttributeValue> item) {
        Node root = new Node();
        for (DocumentPath path : paths) {
            AttributeValue v = DocumentPaths.get(item, path);
            if (v == null) {
                continue;
            }
            Node node = root;
            for (Object element : path.elements()) {
                node = node.child(element);
            }
            node.value = v;
        }
        Map<String, AttributeValue> result = new LinkedHashMap<>();
        root.keys.forEach((key, child) -> result.put(key, child.build()));
        return result;
    }

    /** The projected part of one value: either whole, or some of its keys or indexes. */
    private static final class Node {
        AttributeValue value;
        final Map<String, Node> keys = new LinkedHashMap<>();
        final Map<Integer, Node> indexes = new TreeMap<>();

        Node child(Object element) {
            return element instanceof Integer i
                    ? indexes.computeIfAbsent(i, k -> new Node())
                    : keys.computeIfAbsent((String) element, k -> new Node());
        }

        AttributeValue build() {
            if (value != null) {
                return value;
            }
            if (!indexes.isEmpty()) {
                return new AttributeValue.ListValue(indexes.values().stream().map(Node::build).toList());
            }
            Map<String, AttributeValue> map = new LinkedHashMap<>();
            keys.forEach((key, child) -> map.put(key, child.build()));
            return new AttributeValue.MapValue(map);
        }
    }
}
