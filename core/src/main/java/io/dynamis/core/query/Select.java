package io.dynamis.core.query;

/** What a Query or Scan returns for each matching item (the {@code Select} parameter). */
public enum Select {
    ALL_ATTRIBUTES,
    ALL_PROJECTED_ATTRIBUTES,
    SPECIFIC_ATTRIBUTES,
    COUNT;

    /** The values in the order DynamoDB lists them in its enum constraint message. */
    static final String[] WIRE_ORDER = {"SPECIFIC_ATTRIBUTES", "COUNT", "ALL_ATTRIBUTES", "ALL_PROJECTED_ATTRIBUTES"};
}
