/**
 * The FHIR R4 REST interface (HAPI plain server): resource providers and interceptors.
 * Depends on the application layer only.
 */
package org.medledger.interfaces.fhir;
