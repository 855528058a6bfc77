/**
 * Key encoding: turning DynamoDB primary-key values into byte strings whose unsigned lexicographic order
 * is DynamoDB's sort order, so that B-tree range reads return items in the right order.
 * {@link io.dynamis.core.key.OrderedBytes} holds the low-level, self-delimiting encodings of byte
 * strings and numbers.
 */
package io.dynamis.core.key;
