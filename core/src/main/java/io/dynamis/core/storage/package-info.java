/**
 * The crash-safe store file under the services' own redo logs and commits: H2's MVStore (append-only,
 * copy-on-write; a crash at any moment leaves the last complete commit readable), with byte keys in
 * unsigned order and ranges read as DynamoDB's key ranges are.
 */
package io.dynamis.core.storage;
