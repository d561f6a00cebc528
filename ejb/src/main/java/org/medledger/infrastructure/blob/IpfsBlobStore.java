package org.medledger.infrastructure.blob;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import org.medledger.domain.model.blob.BlobAddress;
import org.medledger.domain.model.blob.BlobNotFoundException;
import org.medledger.domain.model.blob.BlobStore;

/**
 * Blobs in an IPFS node, through its HTTP RPC API: {@code /api/v0/add} (CID v1, raw leaves, SHA-256), then
 * {@code pin/add} so the node's garbage collection keeps it; {@code cat} to read, {@code pin/ls} to ask,
 * {@code pin/rm} to let it go. The address is the CID, itself a hash of the (encrypted) content. Only ciphertext is
 * sent: the node, and any peer it shares blocks with, never sees a key.
 *
 * <p>A blob is first spooled to a local file and sent from there, so neither direction holds it in memory. The
 * node's API must not be reachable by anyone but this server (it has no authentication of its own).
 */
public final class IpfsBlobStore implements BlobStore {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI api;
    private final Path spool;
    private final Duration timeout;
    private final HttpClient http;

    /**
     * @param api     base URL of the node's RPC API, e.g. {@code http://127.0.0.1:5001}
     * @param spool   local directory for blobs on their way to the node
     * @param timeout how long one call may take before the node is taken to be unavailable (or a CID absent)
     */
    public IpfsBlobStore(URI api, Path spool, Duration timeout) throws IOException {
        this.api = Objects.requireNonNull(api, "api");
        this.spool = Objects.requireNonNull(spool, "spool");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        Files.createDirectories(spool);
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    @Override
    public BlobAddress put(BlobWriter writer) throws IOException {
        Objects.requireNonNull(writer, "writer");
        Path temp = spool.resolve(UUID.randomUUID() + ".part");
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temp), 64 * 1024)) {
                writer.writeTo(new FilterOutputStream(out) {
                    @Override
                    public void write(byte[] buffer, int offset, int length) throws IOException {
                        out.write(buffer, offset, length);
                    }

                    @Override
                    public void close() throws IOException {
                        flush();
                    }
                });
            }
            String boundary = "medledger-" + UUID.randomUUID();
            HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.concat(
                    HttpRequest.BodyPublishers.ofString("--" + boundary + "\r\n"
                            + "Content-Disposition: form-data; name=\"file\"; filename=\"blob\"\r\n"
                            + "Content-Type: application/octet-stream\r\n\r\n"),
                    HttpRequest.BodyPublishers.ofFile(temp),
                    HttpRequest.BodyPublishers.ofString("\r\n--" + boundary + "--\r\n"));
            HttpResponse<String> added = send(HttpRequest.newBuilder(call("add",
                            "pin=false&cid-version=1&raw-leaves=true&hash=sha2-256&cid-base=base32&progress=false"))
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .timeout(timeout.plusSeconds(Files.size(temp) / (1024 * 1024)))
                    .POST(body).build());
            String cid = null;
            for (String line : added.body().split("\n")) {
                if (!line.isBlank()) {
                    JsonNode entry = JSON.readTree(line);
                    if (entry.hasNonNull("Hash")) {
                        cid = entry.get("Hash").asText();
                    }
                }
            }
            if (cid == null) {
                throw new IOException("The IPFS node's add answer names no CID");
            }
            BlobAddress address = new BlobAddress(cid);
            send(post("pin/add", address, ""));
            return address;
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    @Override
    public InputStream open(BlobAddress address) throws IOException {
        HttpResponse<InputStream> response = sendForStream(post("cat", address, ""));
        if (response.statusCode() == 200) {
            return response.body();
        }
        String message;
        try (InputStream error = response.body()) {
            message = new String(error.readNBytes(4096), StandardCharsets.UTF_8);
        }
        if (looksAbsent(message)) {
            throw new BlobNotFoundException(address);
        }
        throw new IOException("The IPFS node refused cat of " + address + ": HTTP " + response.statusCode());
    }

    @Override
    public boolean contains(BlobAddress address) throws IOException {
        // Asked about one CID, the node answers 200 only when it is pinned ("... is not pinned" otherwise).
        HttpResponse<String> response = http(post("pin/ls", address, "&type=recursive&cid-base=base32"));
        return response.statusCode() == 200 && !response.body().contains("not pinned");
    }

    @Override
    public void delete(BlobAddress address) throws IOException {
        HttpResponse<String> response = http(post("pin/rm", address, ""));
        if (response.statusCode() != 200 && !response.body().contains("not pinned")) {
            throw new IOException("The IPFS node refused pin/rm of " + address + ": HTTP " + response.statusCode());
        }
    }

    /** The node is told the timeout; this client waits a little longer, so an absent CID gets the node's answer. */
    private HttpRequest post(String command, BlobAddress address, String more) {
        return HttpRequest.newBuilder(call(command, "arg=" + URLEncoder.encode(address.value(), StandardCharsets.UTF_8)
                        + "&timeout=" + timeout.toSeconds() + "s" + more))
                .timeout(timeout.plusSeconds(10)).POST(HttpRequest.BodyPublishers.noBody()).build();
    }

    private URI call(String command, String query) {
        String base = api.toString().endsWith("/") ? api.toString() : api + "/";
        return URI.create(base + "api/v0/" + command + "?" + query);
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException {
        HttpResponse<String> response = http(request);
        if (response.statusCode() != 200) {
            throw new IOException("The IPFS node answered HTTP " + response.statusCode() + " to "
                    + request.uri().getPath());
        }
        return response;
    }

    private HttpResponse<String> http(HttpRequest request) throws IOException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while calling the IPFS node", e);
        }
    }

    private HttpResponse<InputStream> sendForStream(HttpRequest request) throws IOException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while calling the IPFS node", e);
        }
    }

    private static boolean looksAbsent(String message) {
        String lower = message.toLowerCase(java.util.Locale.ROOT);
        return lower.contains("not found") || lower.contains("timed out") || lower.contains("timeout")
                || lower.contains("aborted");
    }
}
