/** What backup-service asks item-service, and the DynamoDB shapes of table parts. */
package io.dynamis.backup.client;
