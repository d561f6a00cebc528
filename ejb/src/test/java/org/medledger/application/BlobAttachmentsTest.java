package org.medledger.application;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medledger.infrastructure.crypto.PayloadIntegrityException;

class BlobAttachmentsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final BlobAttachments blobs = new BlobAttachments();

    @BeforeEach
    void openStore() {
        System.setProperty("medledger.blob.dir", dir.toString());
        blobs.open();
    }

    @AfterEach
    void forgetStore() {
        System.clearProperty("medledger.blob.dir");
    }

    @Test
    void largeAttachmentIsReplacedByItsSha256AndSizeAndTheHashedFormHasNoLocator() throws Exception {
        byte[] bytes = bytes(100_000);
        ObjectNode document = document(bytes);
        blobs.externalize(document);
        JsonNode attachment = document.path("content").path(0).path("attachment");
        assertFalse(attachment.has("data"));
        byte[] sealed = document.toString().getBytes(StandardCharsets.UTF_8);
        assertTrue(BlobAttachments.refersToBlobs(sealed));

        String hashed = new String(BlobAttachments.withoutLocators(sealed), StandardCharsets.UTF_8);
        assertFalse(hashed.contains(BlobAttachments.LOCATOR_URL));
        assertTrue(hashed.contains(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes))),
                "the hashed form carries the SHA-256 of the bytes");
        assertTrue(hashed.contains("\"valueInteger\":100000"));
        assertEquals(1, blobFiles().count());
    }

    @Test
    void readingPutsTheBytesBackAndNeverShowsTheLocator() throws Exception {
        byte[] bytes = bytes(100_000);
        ObjectNode document = document(bytes);
        blobs.externalize(document);
        String read = blobs.forReading(document.toString().getBytes(StandardCharsets.UTF_8));
        assertFalse(read.contains(BlobAttachments.LOCATOR_URL));
        assertArrayEquals(bytes, Base64.getDecoder().decode(
                JSON.readTree(read).path("content").path(0).path("attachment").path("data").asText()));
        assertTrue(blobs.problemWith(document.toString().getBytes(StandardCharsets.UTF_8)).isEmpty());
    }

    @Test
    void anAlteredBlobFileIsNamedAsTheProblemAndFailsReads() throws Exception {
        ObjectNode document = document(bytes(100_000));
        blobs.externalize(document);
        byte[] sealed = document.toString().getBytes(StandardCharsets.UTF_8);
        Path file = blobFiles().findFirst().orElseThrow();
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(5000);
            int b = raf.read();
            raf.seek(5000);
            raf.write(b ^ 1);
        }
        String problem = blobs.problemWith(sealed).orElseThrow();
        assertTrue(problem.contains("/content/0/attachment/data") && problem.contains("altered"), problem);
        assertThrows(PayloadIntegrityException.class, () -> blobs.forReading(sealed));
        Files.delete(file);
        assertTrue(blobs.problemWith(sealed).orElseThrow().contains("missing"));
    }

    @Test
    void smallAttachmentsStayInTheRowButBinaryDataAlwaysMoves() throws Exception {
        ObjectNode document = document(bytes(1000));
        blobs.externalize(document);
        assertTrue(document.path("content").path(0).path("attachment").has("data"));
        ObjectNode binary = (ObjectNode) JSON.readTree("{\"resourceType\":\"Binary\",\"contentType\":\"text/plain\","
                + "\"data\":\"" + Base64.getEncoder().encodeToString("tiny".getBytes(StandardCharsets.US_ASCII))
                + "\"}");
        blobs.externalize(binary);
        assertFalse(binary.has("data"));
        assertEquals(1, blobFiles().count());
        assertEquals(4, blobs.binaryContent(binary.toString().getBytes(StandardCharsets.UTF_8)).orElseThrow().size());
    }

    @Test
    void aStagedUploadIsClaimedOnceAndLocatorsSentByClientsAreDropped() throws Exception {
        byte[] bytes = bytes(70_000);
        String token = blobs.stage(new ByteArrayInputStream(bytes));
        String json = "{\"resourceType\":\"Binary\",\"contentType\":\"application/pdf\",\"_data\":{\"extension\":["
                + "{\"url\":\"" + BlobAttachments.STAGED_URL + "\",\"valueString\":\"" + token + "\"}]}}";
        ObjectNode binary = (ObjectNode) JSON.readTree(json);
        blobs.externalize(binary);
        try (InputStream in = blobs.binaryContent(binary.toString().getBytes(StandardCharsets.UTF_8))
                .orElseThrow().stream()) {
            assertArrayEquals(bytes, in.readAllBytes());
        }
        assertThrows(InvalidRecordException.class, () -> blobs.externalize((ObjectNode) JSON.readTree(json)),
                "a token is good for one write only");

        ObjectNode forged = (ObjectNode) JSON.readTree(binary.toString());
        forged.put("data", Base64.getEncoder().encodeToString("other".getBytes(StandardCharsets.US_ASCII)));
        blobs.externalize(forged);
        String forgedJson = forged.toString();
        assertEquals(1, forgedJson.split(BlobAttachments.LOCATOR_URL, -1).length - 1,
                "only the server's own locator survives");
        assertEquals(5, blobs.binaryContent(forgedJson.getBytes(StandardCharsets.UTF_8)).orElseThrow().size());
    }

    @Test
    void anUnclaimedUploadIsDeletedWhenDiscarded() throws Exception {
        String token = blobs.stage(new ByteArrayInputStream(bytes(1000)));
        assertEquals(1, blobFiles().count());
        blobs.discard(token);
        assertEquals(0, blobFiles().count());
    }

    private ObjectNode document(byte[] bytes) throws Exception {
        return (ObjectNode) JSON.readTree("{\"resourceType\":\"DocumentReference\",\"status\":\"current\","
                + "\"content\":[{\"attachment\":{\"contentType\":\"application/pdf\",\"data\":\""
                + Base64.getEncoder().encodeToString(bytes) + "\"}}]}");
    }

    private Stream<Path> blobFiles() throws Exception {
        return Files.walk(dir).filter(Files::isRegularFile).filter(f -> f.getFileName().toString().startsWith("sha256-"))
                .toList().stream();
    }

    private static byte[] bytes(int length) {
        byte[] bytes = new byte[length];
        new Random(length).nextBytes(bytes);
        return bytes;
    }
}
