package org.medledger.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Binary and attachment bytes live encrypted in the content-addressed blob store: a large raw upload streams in and
 * back out byte-identical, is anchored and verified like any version, and an altered blob file is reported by
 * {@code $verify} for exactly that version.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class BlobStoreIT {

    /** 200 MiB: larger than any byte array the server could comfortably hold several of in a 1.5 GiB heap. */
    private static final long LARGE_BYTES = 200L * 1024 * 1024 + 13;
    private static final String SHA256_URL = "https://medledger.org/fhir/StructureDefinition/blob-sha256";

    private final FhirHttp http = new FhirHttp();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    @Test
    void largeRawPdfStreamsInAndOutByteIdenticalIsAnchoredAndATamperedBlobFileIsReported() throws Exception {
        MessageDigest uploaded = MessageDigest.getInstance("SHA-256");
        long started = System.nanoTime();
        HttpResponse<String> created = client.send(HttpRequest.newBuilder(uri("/fhir/Binary"))
                .header("Content-Type", "application/pdf").header("Accept", "application/fhir+json")
                .timeout(Duration.ofMinutes(10))
                .POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new DigestInputStream(new SyntheticPdf(LARGE_BYTES), uploaded)), LARGE_BYTES))
                .build(), HttpResponse.BodyHandlers.ofString());
        double uploadSeconds = (System.nanoTime() - started) / 1e9;
        assertEquals(201, created.statusCode(), created.headers().map() + " " + created.body());
        String id = idFrom(created);
        String sha256 = HexFormat.of().formatHex(uploaded.digest());

        // FHIR JSON of the Binary: no bytes inline (too large), but their SHA-256, which the anchored hash covers.
        HttpResponse<String> json = http.get("/fhir/Binary/" + id);
        assertEquals(200, json.statusCode(), json.body());
        JsonNode binary = FhirHttp.JSON.readTree(json.body());
        assertEquals("application/pdf", binary.path("contentType").asText());
        assertFalse(binary.has("data"));
        assertEquals(sha256, extension(binary.path("_data"), SHA256_URL));
        assertFalse(json.body().contains("blob-locator"), "the blob's address and key never leave the server");

        started = System.nanoTime();
        Download download = downloadRaw(id);
        double downloadSeconds = (System.nanoTime() - started) / 1e9;
        assertEquals(200, download.status());
        assertEquals("application/pdf", download.contentType());
        assertEquals(LARGE_BYTES, download.length());
        assertEquals(sha256, download.sha256(), "the bytes read back are the bytes sent");
        System.out.printf("BlobStoreIT: %d MiB raw Binary: upload %.1f MB/s, download %.1f MB/s%n",
                LARGE_BYTES >> 20, LARGE_BYTES / 1e6 / uploadSeconds, LARGE_BYTES / 1e6 / downloadSeconds);

        Map<String, JsonNode> verified = http.awaitVerification("Binary", id);
        assertEquals("matched", FhirHttp.result(verified), verified.toString());
        assertEquals(true, verified.get("verifiedOnChain").path("valueBoolean").asBoolean());

        Path blob = blobFileOfSize(LARGE_BYTES + 16);
        long middle = LARGE_BYTES / 2;
        flipByte(blob, middle);
        try {
            HttpResponse<String> tampered = http.get("/fhir/Binary/" + id + "/$verify");
            assertEquals(200, tampered.statusCode(), tampered.body());
            Map<String, JsonNode> report = FhirHttp.parameters(tampered.body());
            assertEquals("mismatched", FhirHttp.result(report), tampered.body());
            assertEquals("Binary/" + id + "/_history/1", report.get("reference").path("valueString").asText());
            assertTrue(report.get("detail").path("valueString").asText().contains("blob"), tampered.body());

            // A client reading the altered blob never receives the whole announced content.
            Download cutOff = downloadRaw(id);
            assertTrue(cutOff.failed() || cutOff.length() < LARGE_BYTES || !sha256.equals(cutOff.sha256()),
                    "an altered blob must not be delivered as if intact");
        } finally {
            flipByte(blob, middle);
        }
        assertEquals("matched", FhirHttp.result(http.verification("Binary", id)), "restored blob matches again");
    }

    @Test
    void fhirJsonBinaryWithBase64DataIsStoredAsABlobAndReadBackEitherWay() throws Exception {
        byte[] bytes = syntheticBytes(300_000, 11);
        String body = "{\"resourceType\":\"Binary\",\"contentType\":\"image/png\",\"data\":\""
                + Base64.getEncoder().encodeToString(bytes) + "\"}";
        Path blobs = blobDir();
        long before = countFiles(blobs);
        String id = http.create("Binary", body);
        assertEquals(before + 1, countFiles(blobs), "the bytes went to the blob store");
        assertTrue(blobFileOfSizeExists(bytes.length + 16));

        JsonNode read = FhirHttp.JSON.readTree(http.get("/fhir/Binary/" + id).body());
        assertArrayEquals(bytes, Base64.getDecoder().decode(read.path("data").asText()));
        assertEquals(sha256(bytes), extension(read.path("_data"), SHA256_URL));

        HttpResponse<byte[]> raw = client.send(HttpRequest.newBuilder(uri("/fhir/Binary/" + id))
                .header("Accept", "image/png").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, raw.statusCode());
        assertArrayEquals(bytes, raw.body());
        assertEquals("matched", FhirHttp.result(http.awaitVerification("Binary", id)));
    }

    @Test
    void largeDocumentAttachmentLeavesTheRowAndComesBackInTheDocument() throws Exception {
        String patient = http.create("Patient", SyntheticPatients.json("Attachment"));
        byte[] report = syntheticBytes(200_000, 23);
        String id = http.create("DocumentReference", """
                {"resourceType":"DocumentReference","status":"current","subject":{"reference":"Patient/%s"},
                 "content":[{"attachment":{"contentType":"application/pdf","title":"Synthetic discharge letter",
                 "data":"%s"}}]}""".formatted(patient, Base64.getEncoder().encodeToString(report)));
        assertTrue(blobFileOfSizeExists(report.length + 16), "the attachment's bytes are in the blob store");
        JsonNode attachment = FhirHttp.JSON.readTree(http.get("/fhir/DocumentReference/" + id).body())
                .path("content").path(0).path("attachment");
        assertArrayEquals(report, Base64.getDecoder().decode(attachment.path("data").asText()));
        assertEquals("Synthetic discharge letter", attachment.path("title").asText());
        assertEquals("matched", FhirHttp.result(http.awaitVerification("DocumentReference", id)));
    }

    @Test
    void aClientCannotPointItsBinaryAtSomeoneElsesUpload() throws Exception {
        HttpResponse<String> forged = http.post("/fhir/Binary", """
                {"resourceType":"Binary","contentType":"application/pdf","_data":{"extension":[{"url":
                "https://medledger.org/fhir/StructureDefinition/blob-staged-upload","valueString":"%s"}]}}"""
                .formatted("ab".repeat(32)), "application/fhir+json");
        assertEquals(400, forged.statusCode(), forged.body());
        assertTrue(forged.body().contains("OperationOutcome"), forged.body());
    }

    private record Download(int status, String contentType, long length, String sha256, boolean failed) {
    }

    /** Reads a Binary's raw content as a stream, hashing it on the way; never holds it whole. */
    private Download downloadRaw(String id) throws Exception {
        HttpResponse<InputStream> response = client.send(HttpRequest.newBuilder(uri("/fhir/Binary/" + id))
                .header("Accept", "application/pdf").timeout(Duration.ofMinutes(10)).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        long length = 0;
        boolean failed = false;
        try (InputStream in = response.body()) {
            byte[] buffer = new byte[64 * 1024];
            int read;
            while ((read = in.read(buffer)) != -1) {
                digest.update(buffer, 0, read);
                length += read;
            }
        } catch (IOException e) {
            failed = true;
        }
        return new Download(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                length, HexFormat.of().formatHex(digest.digest()), failed);
    }

    private static String idFrom(HttpResponse<String> created) {
        Matcher id = Pattern.compile("/Binary/([^/]+)/_history/").matcher(
                created.headers().firstValue("Location").orElseThrow());
        assertTrue(id.find(), "no id in Location");
        return id.group(1);
    }

    private static String extension(JsonNode element, String url) {
        for (JsonNode extension : element.path("extension")) {
            if (url.equals(extension.path("url").asText())) {
                return extension.path("valueString").asText();
            }
        }
        return null;
    }

    private static Path blobDir() {
        return Path.of(System.getProperty("medledger.it.data-dir"), "blobs");
    }

    /** The newest blob file of a size (earlier runs on the same data dir may have left others). */
    private static Path blobFileOfSize(long size) throws IOException {
        try (Stream<Path> files = Files.walk(blobDir())) {
            Path newest = files.filter(Files::isRegularFile).filter(f -> sizeOf(f) == size)
                    .max(java.util.Comparator.comparingLong(BlobStoreIT::modified)).orElseThrow(
                            () -> new AssertionError("no blob file of " + size + " bytes"));
            assertTrue(newest.getFileName().toString().matches("sha256-[0-9a-f]{64}"));
            return newest;
        }
    }

    private static long modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    private static boolean blobFileOfSizeExists(long size) throws IOException {
        try (Stream<Path> files = Files.walk(blobDir())) {
            return files.filter(Files::isRegularFile).anyMatch(f -> sizeOf(f) == size);
        }
    }

    private static long countFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }

    private static void flipByte(Path file, long position) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(position);
            int b = raf.read();
            raf.seek(position);
            raf.write(b ^ 0x20);
        }
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static byte[] syntheticBytes(int length, long seed) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static URI uri(String path) {
        return URI.create(MedLedgerDeployment.baseUrl() + path);
    }

    /** A PDF-shaped synthetic byte stream of a given length, generated as it is read (never held in memory). */
    static final class SyntheticPdf extends InputStream {

        private static final byte[] HEADER = "%PDF-1.7\n%synthetic test document, no patient data\n"
                .getBytes(StandardCharsets.US_ASCII);
        private static final byte[] TRAILER = "\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
        private final Random random = new Random(2026);
        private final long length;
        private long position;

        SyntheticPdf(long length) {
            this.length = length;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int count) {
            if (position >= length) {
                return -1;
            }
            int n = (int) Math.min(count, length - position);
            byte[] chunk = new byte[n];
            random.nextBytes(chunk);
            for (int i = 0; i < n; i++) {
                long at = position + i;
                if (at < HEADER.length) {
                    chunk[i] = HEADER[(int) at];
                } else if (at >= length - TRAILER.length) {
                    chunk[i] = TRAILER[(int) (at - (length - TRAILER.length))];
                }
            }
            System.arraycopy(chunk, 0, buffer, offset, n);
            position += n;
            return n;
        }
    }
}
