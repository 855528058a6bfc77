/** The admin API of backups and restores ({@code /admin/...}), its credentials and its OpenAPI document. */
package io.dynamis.gateway.admin;
