package io.dynamis.gateway.routing;

/** The services behind the gateway that own operations. */
public enum OwningService {
    ITEM("item-service"),
    QUERY("query-service"),
    CACHE("cache-service"),
    BACKUP("backup-service");

    private final String displayName;

    OwningService(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }
}
