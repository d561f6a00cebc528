package org.medledger.application.portal;

import java.io.InputStream;

/**
 * A document's content on its way to the user who may read it: a file name safe for a Content-Disposition header,
 * the content type found when it was uploaded, its size and the bytes (checked against their hash at the end).
 */
public record DocumentContent(String fileName, String contentType, long size, InputStream stream) {
}
