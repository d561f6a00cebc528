/**
 * Notifications: what the portal tells a user until they mark it read.
 * Depends on Jakarta Persistence annotations only.
 */
package org.medledger.domain.model.notification;
