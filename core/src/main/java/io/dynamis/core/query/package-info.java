/**
 * Query and Scan: the one evaluation engine, shared by the services that read ranges of items.
 *
 * <p>A read goes through four steps, each a class of its own:
 * <ol>
 *   <li>{@link io.dynamis.core.query.ReadRequest} reads and validates a Query or Scan request as far as
 *   it can without the table: Limit, Select, segments, ExclusiveStartKey's values, the expressions.
 *   query-service runs it before forwarding anything, so a bad request never leaves it.</li>
 *   <li>{@link io.dynamis.core.query.ReadTarget} resolves IndexName against the table: the table
 *   itself, or a local secondary index (read like a table whose key is the index's, from the local
 *   index entries); a global index branches off here (refused until global indexes are kept).</li>
 *   <li>{@link io.dynamis.core.query.ReadPlan} binds the request to the target's key schema: the key
 *   condition must name the partition key with {@code =} and may add one sort-key term; the start key
 *   must be a key of the table inside the range read. It computes the
 *   {@link io.dynamis.core.query.KeyRange} to read in the storage key order of
 *   {@link io.dynamis.core.key.KeyCodec}: a partition prefix narrowed by the sort-key term (a
 *   {@code begins_with} is a prefix range), or for a Scan the table, or the slice of the 16-bit
 *   partition hash that is the parallel-scan segment (so segments are disjoint and cover the table),
 *   and it moves the range's start past ExclusiveStartKey.</li>
 *   <li>{@link io.dynamis.core.query.PageBuilder} consumes the items of the range in order and applies
 *   DynamoDB's page rules: Limit counts items evaluated before the filter; a page ends after 1 MB of
 *   items read; LastEvaluatedKey (the key of the last item evaluated) is returned when the page ended
 *   by Limit or size, even when no item follows; Count is after the filter, ScannedCount before;
 *   capacity is the total size read in 4 KB units, halved for eventually consistent reads.</li>
 * </ol>
 *
 * <p>Storage only supplies ordered (key, item) entries for a range, forwards or backwards; everything
 * DynamoDB defines about a page lives here.
 */
package io.dynamis.core.query;
