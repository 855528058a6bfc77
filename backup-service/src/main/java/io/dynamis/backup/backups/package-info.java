/** On-demand and system backups: CreateBackup, DescribeBackup, ListBackups, DeleteBackup, RestoreTableFromBackup. */
package io.dynamis.backup.backups;
