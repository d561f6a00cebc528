package org.medledger.application.portal;

import java.io.InputStream;

/** A file a user uploads through the portal: its name as sent, a title, its declared size and its bytes. */
public record DocumentUpload(String fileName, String title, long size, InputStream content) {
}
