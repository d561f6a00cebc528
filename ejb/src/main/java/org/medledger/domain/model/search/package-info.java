/**
 * Search: index rows of searchable values and the current-version table.
 * Depends on Jakarta Persistence annotations only.
 */
package org.medledger.domain.model.search;
