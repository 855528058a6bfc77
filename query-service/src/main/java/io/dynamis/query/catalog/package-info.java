/** Table definitions (with their indexes) read from item-service, which owns the catalog, and cached briefly. */
package io.dynamis.query.catalog;
