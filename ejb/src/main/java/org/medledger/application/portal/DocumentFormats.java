package org.medledger.application.portal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The file formats the portal takes as documents (PDF, PNG, JPEG), known by their first bytes, never by the name or
 * the content type a browser sends; and file names made safe to send back in a Content-Disposition header.
 */
public final class DocumentFormats {

    /** How many first bytes {@link #contentTypeOf} needs. */
    public static final int HEAD_BYTES = 8;

    private static final byte[] PDF = "%PDF-".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final byte[] JPEG = {(byte) 0xff, (byte) 0xd8, (byte) 0xff};

    private DocumentFormats() {
    }

    /** The media type the content's first bytes show, if it is one the portal takes. */
    public static Optional<String> contentTypeOf(byte[] head) {
        if (startsWith(head, PDF)) {
            return Optional.of("application/pdf");
        }
        if (startsWith(head, PNG)) {
            return Optional.of("image/png");
        }
        if (startsWith(head, JPEG)) {
            return Optional.of("image/jpeg");
        }
        return Optional.empty();
    }

    /**
     * A file name of letters, digits, dots, dashes and underscores only (no path, no quotes, no header injection), at
     * most 80 characters, ending in the extension of its real content type.
     */
    public static String safeFileName(String sent, String contentType) {
        String extension = switch (contentType) {
            case "application/pdf" -> ".pdf";
            case "image/png" -> ".png";
            case "image/jpeg" -> ".jpg";
            default -> ".bin";
        };
        String name = sent == null ? "" : sent.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        String base = (dot > 0 ? name.substring(0, dot) : name).replaceAll("[^A-Za-z0-9._-]+", "_")
                .replaceAll("^[._]+", "");
        if (base.isEmpty()) {
            base = "document";
        }
        if (base.length() > 80 - extension.length()) {
            base = base.substring(0, 80 - extension.length());
        }
        return base + extension.toLowerCase(Locale.ROOT);
    }

    private static boolean startsWith(byte[] head, byte[] magic) {
        return head.length >= magic.length && Arrays.equals(head, 0, magic.length, magic, 0, magic.length);
    }
}
