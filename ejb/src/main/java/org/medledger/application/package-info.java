/**
 * Application services: the use cases the FHIR API and the portal call, each a small interface
 * with its EJB beside it. May depend on the domain model and infrastructure.
 */
package org.medledger.application;
