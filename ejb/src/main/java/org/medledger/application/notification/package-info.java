/**
 * Notifications of portal users: written by the services whose events they report, listed, counted and marked
 * read for the signed-in user. May depend on the domain model and infrastructure.
 */
package org.medledger.application.notification;
