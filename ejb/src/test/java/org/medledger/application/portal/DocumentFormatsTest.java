package org.medledger.application.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DocumentFormatsTest {

    @Test
    void pdfPngAndJpegAreKnownByTheirFirstBytes() {
        assertEquals(Optional.of("application/pdf"), DocumentFormats.contentTypeOf(ascii("%PDF-1.7\n")));
        assertEquals(Optional.of("image/png"), DocumentFormats.contentTypeOf(
                new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}));
        assertEquals(Optional.of("image/jpeg"), DocumentFormats.contentTypeOf(
                new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0, 0, 0x10, 'J', 'F'}));
    }

    @Test
    void otherContentIsRefusedWhateverItCouldBeNamed() {
        assertTrue(DocumentFormats.contentTypeOf(ascii("GIF89a..")).isEmpty());
        assertTrue(DocumentFormats.contentTypeOf(ascii("<html><script>")).isEmpty());
        assertTrue(DocumentFormats.contentTypeOf(ascii(" %PDF-1.4")).isEmpty(), "the signature must come first");
        assertTrue(DocumentFormats.contentTypeOf(ascii("%PD")).isEmpty(), "too short to tell");
        assertTrue(DocumentFormats.contentTypeOf(new byte[0]).isEmpty());
    }

    @Test
    void fileNamesLoseTheirPathQuotesAndHeaderBreakingCharactersAndGetTheRealExtension() {
        assertEquals("discharge_letter_final_.pdf",
                DocumentFormats.safeFileName("discharge letter (final).pdf", "application/pdf"));
        assertEquals("passwd.pdf", DocumentFormats.safeFileName("../../etc/passwd", "application/pdf"));
        assertEquals("scan.png", DocumentFormats.safeFileName("C:\\Users\\x\\scan.exe", "image/png"));
        assertEquals("a_b_.jpg", DocumentFormats.safeFileName("a\"b\r\n.jpeg", "image/jpeg"));
        assertEquals("document.pdf", DocumentFormats.safeFileName(null, "application/pdf"));
        assertEquals("document.pdf", DocumentFormats.safeFileName("...", "application/pdf"));
        assertEquals(80, DocumentFormats.safeFileName("x".repeat(300) + ".pdf", "application/pdf").length());
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
