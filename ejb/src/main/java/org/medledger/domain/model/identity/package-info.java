/**
 * Identity: portal user accounts and roles.
 * Depends on Jakarta Persistence annotations only.
 */
package org.medledger.domain.model.identity;
