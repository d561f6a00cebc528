/**
 * Blobs: the encrypted bytes of Binary resources and large attachments, kept content-addressed outside the table rows.
 * May depend on the JDK only; implementations live in {@code infrastructure.blob}.
 */
package org.medledger.domain.model.blob;
