package io.dynamis.cache.client;

/** The services the accelerator forwards to. */
public enum Backend {
    ITEM("item-service"),
    QUERY("query-service");

    private final String displayName;

    Backend(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }
}
