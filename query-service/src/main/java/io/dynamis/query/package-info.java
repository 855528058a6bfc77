/**
 * query-service: Query and Scan; global secondary indexes.
 *
 * <p>The service runs and reports its health; the operations the gateway routes to it answer
 * "not supported yet" (see {@code docs/compatibility.md}) until they are built.
 */
package io.dynamis.query;
