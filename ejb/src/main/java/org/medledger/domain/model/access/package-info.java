/**
 * Access to the FHIR API by hospital systems: registered backend clients, the SMART v2 scopes they hold, and the
 * client assertions already used. Depends on Jakarta Persistence annotations only.
 */
package org.medledger.domain.model.access;
