/**
 * DynamoDB's PartiQL dialect, parsed and lowered: {@link io.dynamis.core.partiql.StatementParser} turns a
 * statement into a {@link io.dynamis.core.partiql.Statement}, and {@link io.dynamis.core.partiql.StatementPlanner}
 * lowers it, with the table's {@link io.dynamis.core.partiql.TableKeys}, into the JSON API's requests (Query,
 * Scan, PutItem, UpdateItem, DeleteItem, transaction actions) whose conditions and updates are written in the
 * expression language. Pure: no I/O; the gateway executes the requests (see {@code io.dynamis.gateway.partiql}).
 */
package io.dynamis.core.partiql;
