/**
 * Audit: what auditors record about the audit trail, such as their reviews of flagged events.
 * Depends on Jakarta Persistence annotations only.
 */
package org.medledger.domain.model.audit;
