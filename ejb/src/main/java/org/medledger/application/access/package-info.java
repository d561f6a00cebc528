/**
 * Access to the FHIR API by hospital systems: client registration, SMART Backend Services client assertions
 * exchanged for short-lived access tokens, and token lookup. May depend on the domain model and infrastructure.
 */
package org.medledger.application.access;
