/**
 * The admin API ({@code /admin/...}): RESTEasy Reactive resources for backups and restores, the
 * accelerator's cache and verify mode's principals, their gate ({@link io.dynamis.gateway.admin.AdminGate},
 * {@link io.dynamis.gateway.admin.AdminAuth}) and credentials; its OpenAPI document is generated.
 */
package io.dynamis.gateway.admin;
