/**
 * PartiQL: {@code ExecuteStatement}, {@code BatchExecuteStatement} and {@code ExecuteTransaction}.
 *
 * <p>Here is how a statement runs. The gateway parses it ({@link io.dynamis.core.partiql.StatementParser}),
 * reads the table's key schema ({@code DescribeTable}), and lowers it
 * ({@link io.dynamis.core.partiql.StatementPlanner}) into the JSON API's own requests: a SELECT becomes one
 * Query per partition value its WHERE fixes, or a Scan; INSERT a PutItem that fails when the item exists;
 * UPDATE an UpdateItem that fails when it does not; DELETE a DeleteItem; a transaction one
 * TransactWriteItems or TransactGetItems. Those requests are executed by item-service and query-service
 * through the same channels as any other (a method call in one process, HTTP between services), so
 * conditions, update expressions, GSIs, Streams records, the change log and the accelerator's cache see a
 * PartiQL write exactly as they see the JSON request it became. Nothing here evaluates an expression.
 *
 * <p>The answers are then put in PartiQL's shape: {@code Items} and a {@code NextToken} that resumes the
 * read exactly where it stopped (it wraps the position among the partitions read and the read's
 * LastEvaluatedKey), per-statement errors for a batch.
 */
package io.dynamis.gateway.partiql;
