/**
 * backup-service: history. It archives the change log ({@code archive}), serves DynamoDB Streams from
 * the archive ({@code streams}), keeps point-in-time recovery settings and windows ({@code pitr}),
 * takes on-demand backups ({@code backups}) and restores tables from either into new tables through
 * item-service ({@code restore}). See {@code docs/architecture.md}, "Archive, Streams, backups and restores".
 */
package io.dynamis.backup;
