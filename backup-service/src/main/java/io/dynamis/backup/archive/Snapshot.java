package io.dynamis.backup.archive;

/**
 * A snapshot of a table: its items as they were at {@code timeMillis}, stored under the prefix
 * {@code id} in the same shape as the table's copy.
 */
public record Snapshot(long id, long timeMillis) {
}
