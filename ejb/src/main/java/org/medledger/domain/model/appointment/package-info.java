/**
 * Appointments: a doctor's weekly hours and the slots they make, and the index of booked FHIR Appointments (status
 * flow, slot held, treating relationship). Depends on Jakarta Persistence annotations only.
 */
package org.medledger.domain.model.appointment;
