/** Point-in-time recovery: UpdateContinuousBackups, DescribeContinuousBackups and the restore window. */
package io.dynamis.backup.pitr;
