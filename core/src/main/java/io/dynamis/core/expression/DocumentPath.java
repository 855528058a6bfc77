package io.dynamis.core.expression;

import java.util.List;

/**
 * A document path into an item: a top-level attribute name followed by map keys and list indexes,
 * e.g. {@code a.b[2].c} is {@code ["a", "b", 2, "c"]}. Elements are {@link String} (attribute or map
 * key, already substituted from ExpressionAttributeNames) or {@link Integer} (list index).
 */
public record DocumentPath(List<Object> elements) {

    public DocumentPath {
        elements = List.copyOf(elements);
        if (elements.isEmpty() || !(elements.get(0) instanceof String)) {
            throw new IllegalArgumentException("a document path starts with an attribute name: " + elements);
        }
    }

    public static DocumentPath of(Object... elements) {
        return new DocumentPath(List.of(elements));
    }

    /** The top-level attribute the path starts at. */
    public String attribute() {
        return (String) elements.get(0);
    }

    /** True when the path is only a top-level attribute name. */
    public boolean isTopLevel() {
        return elements.size() == 1;
    }
}
