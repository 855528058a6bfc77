/** backup-service settings. */
package io.dynamis.backup.config;
