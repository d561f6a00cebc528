package org.medledger.application;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import org.medledger.domain.model.blob.BlobAddress;
import org.medledger.domain.model.blob.BlobNotFoundException;
import org.medledger.domain.model.blob.BlobStore;
import org.medledger.infrastructure.blob.BlobStores;
import org.medledger.infrastructure.config.MedLedgerSettings;
import org.medledger.infrastructure.crypto.BlobCipher;
import org.medledger.infrastructure.crypto.BlobKey;
import org.medledger.infrastructure.crypto.PayloadIntegrityException;

/**
 * Moves the bytes of {@code Binary.data} (always) and of every other attachment's {@code data} larger than
 * {@code medledger.blob.attachment-threshold-bytes} out of the record version into the blob store, encrypted under a
 * fresh blob key ({@link BlobCipher}), and back.
 *
 * <p>The rule that keeps the record's hash over the content: an externalized {@code data} element is replaced by its
 * primitive extensions {@value #SHA256_URL} (lower-case hex SHA-256 of the decoded bytes) and {@value #SIZE_URL}
 * (their length). Those are part of the canonical JSON that is hashed and anchored, so the anchored leaf covers the
 * bytes through their SHA-256. The blob's address and key go in a third extension, {@value #LOCATOR_URL}, which
 * exists only in the sealed (encrypted) version: it is removed before hashing and from every response. Because the
 * blob key lives only inside the sealed version, key rotation re-wraps nothing extra and crypto-shredding the version
 * makes its blobs unreadable as well.
 */
@ApplicationScoped
public class BlobAttachments {

    public static final String SHA256_URL = "https://medledger.org/fhir/StructureDefinition/blob-sha256";
    public static final String SIZE_URL = "https://medledger.org/fhir/StructureDefinition/blob-size";
    public static final String LOCATOR_URL = "https://medledger.org/fhir/StructureDefinition/blob-locator";
    /** Marks a Binary whose bytes a raw upload already put in the store; the value is the upload's one-time token. */
    public static final String STAGED_URL = "https://medledger.org/fhir/StructureDefinition/blob-staged-upload";

    /** An uncommitted raw upload is kept this long for the write that claims it. */
    private static final Duration STAGED_LIFETIME = Duration.ofMinutes(30);
    /** Decimals keep their lexical form, as in {@link RecordServiceBean}: re-serializing must not alter values. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));
    private static final Logger LOG = Logger.getLogger(BlobAttachments.class.getName());

    /** Where one externalized {@code data} element went, as the sealed version records it. */
    record Locator(String path, BlobAddress address, BlobKey key, String sha256, long size) {
    }

    /** A raw upload waiting for the write that claims it. */
    private record Staged(BlobAddress address, BlobKey key, String sha256, long size, Instant at) {
    }

    /** The plaintext of a blob as a stream that checks its SHA-256 and size at the end. */
    public record Content(long size, String sha256, InputStream stream) {
    }

    private final Map<String, Staged> staged = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private BlobStore store;
    private BlobCipher cipher;
    private long attachmentThreshold;
    private long jsonMaxBytes;

    @PostConstruct
    void open() {
        store = BlobStores.configured();
        cipher = new BlobCipher();
        attachmentThreshold = MedLedgerSettings.blobAttachmentThresholdBytes();
        jsonMaxBytes = MedLedgerSettings.blobJsonMaxBytes();
    }

    /**
     * Encrypts a raw upload into the store and returns a one-time token for the write that will claim it (a Binary
     * whose {@code _data} carries {@value #STAGED_URL}). Unclaimed uploads are deleted after their lifetime.
     */
    public String stage(InputStream plaintext) throws IOException {
        purgeExpiredUploads();
        BlobKey key = cipher.newKey();
        MessageDigest sha256 = sha256();
        long[] size = new long[1];
        BlobAddress address = store.put(out -> {
            try (OutputStream sealing = cipher.sealing(out, key)) {
                size[0] = copy(plaintext, sealing, sha256);
            }
        });
        if (size[0] > Integer.MAX_VALUE) {
            store.delete(address);
            throw new InvalidRecordException("A Binary holds at most " + Integer.MAX_VALUE + " bytes");
        }
        byte[] token = new byte[32];
        random.nextBytes(token);
        String handle = HexFormat.of().formatHex(token);
        staged.put(handle, new Staged(address, key, HexFormat.of().formatHex(sha256.digest()), size[0], Instant.now()));
        return handle;
    }

    /** Deletes a raw upload no write claimed (the write failed or was refused). */
    public void discard(String token) {
        Staged upload = staged.remove(token);
        if (upload != null) {
            deleteQuietly(upload.address());
        }
    }

    /**
     * Before sealing a version: strips blob extensions a client sent (only the server may name blobs), moves large
     * {@code data} into the store and claims staged uploads, leaving the extensions described on this class.
     */
    public void externalize(ObjectNode resource) {
        boolean binary = "Binary".equals(resource.path("resourceType").asText());
        walk(resource, "", (node, path) -> {
            ObjectNode dataExtensions = node.get("_data") instanceof ObjectNode ext ? ext : null;
            String stagedToken = dataExtensions == null ? null : removeExtension(dataExtensions, STAGED_URL);
            if (dataExtensions != null) {
                removeExtension(dataExtensions, LOCATOR_URL);
                removeExtension(dataExtensions, SHA256_URL);
                removeExtension(dataExtensions, SIZE_URL);
                if (dataExtensions.isEmpty()) {
                    node.remove("_data");
                }
            }
            if (stagedToken != null) {
                Staged upload = staged.remove(stagedToken);
                if (upload == null || node.has("data")) {
                    throw new InvalidRecordException("The uploaded content is unknown or has expired; send it again");
                }
                mark(node, new Locator(path, upload.address(), upload.key(), upload.sha256(), upload.size()));
                return;
            }
            JsonNode data = node.get("data");
            if (data == null || !data.isTextual() || !node.path("contentType").isTextual()) {
                return;
            }
            String base64 = data.asText();
            if (!binary || !path.isEmpty()) {
                if ((long) base64.length() * 3 / 4 <= attachmentThreshold) {
                    return;
                }
            }
            node.remove("data");
            mark(node, store(path, base64));
        });
    }

    /** The JSON that is hashed (after canonicalization): a sealed version without its blob locators. */
    public static byte[] withoutLocators(byte[] sealedCanonical) {
        return withoutLocators(parse(sealedCanonical)).toString().getBytes(StandardCharsets.UTF_8);
    }

    private static ObjectNode withoutLocators(ObjectNode sealed) {
        ObjectNode copy = sealed.deepCopy();
        walk(copy, "", (node, path) -> {
            if (node.get("_data") instanceof ObjectNode ext) {
                removeExtension(ext, LOCATOR_URL);
            }
        });
        return copy;
    }

    /** Whether a sealed version refers to blobs (a cheap test before parsing). */
    public static boolean refersToBlobs(byte[] sealedCanonical) {
        return indexOf(sealedCanonical, LOCATOR_URL.getBytes(StandardCharsets.UTF_8)) >= 0;
    }

    /**
     * The JSON a read returns: locators removed and each blob's bytes put back into {@code data} as base64 when it is
     * at most {@code medledger.blob.json-max-bytes} (larger ones are served raw, {@code GET Binary/[id]} with the
     * Binary's content type). The bytes are checked against their recorded SHA-256 on the way.
     */
    public String forReading(byte[] sealedCanonical) {
        String json = new String(sealedCanonical, StandardCharsets.UTF_8);
        if (!refersToBlobs(sealedCanonical)) {
            return json;
        }
        ObjectNode resource = parse(sealedCanonical);
        walk(resource, "", (node, path) -> {
            Optional<Locator> locator = locatorOf(node, path);
            if (locator.isPresent() && locator.get().size() <= jsonMaxBytes) {
                node.put("data", base64Of(locator.get()));
            }
        });
        return withoutLocators(resource).toString();
    }

    /** The form of a just-written version that the write returns (no locators, no bytes put back). */
    public String forResponse(byte[] sealedCanonical) {
        return refersToBlobs(sealedCanonical) ? withoutLocators(parse(sealedCanonical)).toString()
                : new String(sealedCanonical, StandardCharsets.UTF_8);
    }

    /** The bytes of a Binary version's blob, if its content lives in the store. */
    public Optional<Content> binaryContent(byte[] sealedCanonical) {
        if (!refersToBlobs(sealedCanonical)) {
            return Optional.empty();
        }
        return locatorOf(parse(sealedCanonical), "").map(locator -> new Content(locator.size(), locator.sha256(),
                verifiedStream(locator)));
    }

    /**
     * Reads every blob a sealed version refers to and checks it: authentication tag, SHA-256 and size.
     *
     * @return what is wrong with the first blob that fails, or empty when all are intact
     */
    public Optional<String> problemWith(byte[] sealedCanonical) {
        if (!refersToBlobs(sealedCanonical)) {
            return Optional.empty();
        }
        List<Locator> locators = new ArrayList<>();
        walk(parse(sealedCanonical), "", (node, path) -> locatorOf(node, path).ifPresent(locators::add));
        byte[] buffer = new byte[64 * 1024];
        for (Locator locator : locators) {
            String element = locator.path().isEmpty() ? "data" : locator.path() + "/data";
            try (InputStream in = verifiedStream(locator)) {
                while (in.read(buffer) != -1) {
                    // Reading to the end checks the tag, the SHA-256 and the size.
                }
            } catch (BlobMissingException e) {
                return Optional.of("The blob holding " + element + " (" + locator.address() + ") is missing from the "
                        + "blob store");
            } catch (PayloadIntegrityException e) {
                return Optional.of("The blob holding " + element + " (" + locator.address() + ") was altered: "
                        + e.getMessage());
            } catch (IOException e) {
                return Optional.of("The blob holding " + element + " (" + locator.address() + ") cannot be read: "
                        + e.getClass().getSimpleName());
            }
        }
        return Optional.empty();
    }

    private Locator store(String path, String base64) {
        BlobKey key = cipher.newKey();
        MessageDigest sha256 = sha256();
        long[] size = new long[1];
        try {
            InputStream decoded = Base64.getDecoder().wrap(
                    new ByteArrayInputStream(base64.getBytes(StandardCharsets.ISO_8859_1)));
            BlobAddress address = store.put(out -> {
                try (OutputStream sealing = cipher.sealing(out, key)) {
                    size[0] = copy(decoded, sealing, sha256);
                }
            });
            return new Locator(path, address, key, HexFormat.of().formatHex(sha256.digest()), size[0]);
        } catch (IllegalArgumentException e) {
            throw new InvalidRecordException("The attachment data at " + (path.isEmpty() ? "/" : path)
                    + " is not valid base64");
        } catch (IOException e) {
            if (e.getCause() instanceof IllegalArgumentException) {
                throw new InvalidRecordException("The attachment data at " + (path.isEmpty() ? "/" : path)
                        + " is not valid base64");
            }
            throw new UncheckedIOException("The blob store could not store an attachment", e);
        }
    }

    private static void mark(ObjectNode node, Locator locator) {
        ObjectNode dataExtensions = node.get("_data") instanceof ObjectNode ext ? ext : node.putObject("_data");
        ArrayNode extensions = dataExtensions.get("extension") instanceof ArrayNode list ? list
                : dataExtensions.putArray("extension");
        extensions.addObject().put("url", SHA256_URL).put("valueString", locator.sha256());
        extensions.addObject().put("url", SIZE_URL).put("valueInteger", locator.size());
        extensions.addObject().put("url", LOCATOR_URL)
                .put("valueString", locator.address().value() + " " + locator.key().encoded());
    }

    private static Optional<Locator> locatorOf(ObjectNode node, String path) {
        if (!(node.get("_data") instanceof ObjectNode ext)) {
            return Optional.empty();
        }
        String locator = extensionValue(ext, LOCATOR_URL, "valueString");
        if (locator == null) {
            return Optional.empty();
        }
        int space = locator.indexOf(' ');
        String sha256 = extensionValue(ext, SHA256_URL, "valueString");
        String size = extensionValue(ext, SIZE_URL, "valueInteger");
        if (space < 0 || sha256 == null || size == null) {
            throw new PayloadIntegrityException("The blob reference at " + path + " is incomplete");
        }
        return Optional.of(new Locator(path, new BlobAddress(locator.substring(0, space)),
                BlobKey.decode(locator.substring(space + 1)), sha256, Long.parseLong(size)));
    }

    private String base64Of(Locator locator) {
        ByteArrayOutputStream base64 = new ByteArrayOutputStream((int) (locator.size() * 4 / 3 + 4));
        try (InputStream in = verifiedStream(locator); OutputStream out = Base64.getEncoder().wrap(base64)) {
            in.transferTo(out);
        } catch (IOException e) {
            throw new PayloadIntegrityException("The blob of an attachment cannot be read back from the blob store");
        }
        return base64.toString(StandardCharsets.ISO_8859_1);
    }

    /** Decrypting stream of a blob whose last read checks the tag, then the SHA-256 and size recorded for it. */
    private InputStream verifiedStream(Locator locator) {
        InputStream ciphertext;
        try {
            ciphertext = store.open(locator.address());
        } catch (BlobNotFoundException e) {
            throw new BlobMissingException(locator.address());
        } catch (IOException e) {
            throw new UncheckedIOException("The blob store could not open " + locator.address(), e);
        }
        return new CheckedPlaintext(cipher.opening(ciphertext, locator.key()), locator);
    }

    private void purgeExpiredUploads() {
        Instant cutoff = Instant.now().minus(STAGED_LIFETIME);
        for (Iterator<Map.Entry<String, Staged>> it = staged.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Staged> entry = it.next();
            if (entry.getValue().at().isBefore(cutoff)) {
                it.remove();
                deleteQuietly(entry.getValue().address());
            }
        }
    }

    private void deleteQuietly(BlobAddress address) {
        try {
            store.delete(address);
        } catch (IOException e) {
            LOG.warning("An unclaimed upload could not be removed from the blob store: " + e.getClass().getSimpleName());
        }
    }

    private static long copy(InputStream in, OutputStream out, MessageDigest digest) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        int read;
        while ((read = in.read(buffer)) != -1) {
            digest.update(buffer, 0, read);
            out.write(buffer, 0, read);
            total += read;
        }
        return total;
    }

    @FunctionalInterface
    private interface Visitor {
        void visit(ObjectNode node, String path);
    }

    /** Visits every object of a resource, the root first, with its JSON pointer. */
    private static void walk(JsonNode node, String path, Visitor visitor) {
        if (node instanceof ObjectNode object) {
            visitor.visit(object, path);
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                if (!name.equals("_data")) {
                    walk(object.get(name), path + "/" + name, visitor);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                walk(array.get(i), path + "/" + i, visitor);
            }
        }
    }

    private static String removeExtension(ObjectNode dataExtensions, String url) {
        if (!(dataExtensions.get("extension") instanceof ArrayNode extensions)) {
            return null;
        }
        String value = null;
        for (Iterator<JsonNode> it = extensions.elements(); it.hasNext(); ) {
            JsonNode extension = it.next();
            if (url.equals(extension.path("url").asText())) {
                value = extension.path("valueString").asText(null);
                it.remove();
            }
        }
        if (extensions.isEmpty()) {
            dataExtensions.remove("extension");
        }
        return value;
    }

    private static String extensionValue(ObjectNode dataExtensions, String url, String valueField) {
        for (JsonNode extension : dataExtensions.path("extension")) {
            if (url.equals(extension.path("url").asText()) && extension.has(valueField)) {
                return extension.get(valueField).asText();
            }
        }
        return null;
    }

    private static ObjectNode parse(byte[] json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (IOException | ClassCastException e) {
            throw new PayloadIntegrityException("A sealed version is not a JSON object");
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** A blob a version refers to is not in the store. */
    static final class BlobMissingException extends PayloadIntegrityException {

        private static final long serialVersionUID = 1L;

        BlobMissingException(BlobAddress address) {
            super("No blob is stored under " + address);
        }
    }

    /** Plaintext of one blob; at its end, the SHA-256 and size must be the ones the sealed version recorded. */
    private static final class CheckedPlaintext extends FilterInputStream {

        private final MessageDigest digest = sha256();
        private final Locator locator;
        private long read;
        private boolean checked;

        CheckedPlaintext(InputStream plaintext, Locator locator) {
            super(plaintext);
            this.locator = locator;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n == -1 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                digest.update(buffer, offset, n);
                read += n;
            } else if (n == -1 && !checked) {
                checked = true;
                if (read != locator.size()
                        || !HexFormat.of().formatHex(digest.digest()).equals(locator.sha256())) {
                    throw new PayloadIntegrityException("The blob's content does not match the SHA-256 recorded "
                            + "in its record version");
                }
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            throw new IOException("A checked blob stream is read, not skipped");
        }
    }
}
