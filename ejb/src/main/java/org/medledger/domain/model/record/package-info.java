/**
 * Record versions: encrypted FHIR resource versions and their content hashes.
 * Depends on Jakarta Persistence annotations only.
 */
package org.medledger.domain.model.record;
