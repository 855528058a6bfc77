/** The change-log archive: records per table in log order, the watermark, each table's copy and its retention. */
package io.dynamis.backup.archive;
