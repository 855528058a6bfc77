package io.dynamis.core.table;

import io.dynamis.core.model.AttributeValue;

/** One attribute of a primary key: its name and its scalar type (S, N or B). */
public record KeyAttribute(String name, AttributeValue.Type type) {
}
