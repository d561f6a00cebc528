package org.medledger.besunetwork;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/** Plain JSON-RPC over HTTP, so Besu-only methods can be called and their "method not found" told apart. */
public final class JsonRpcClient {

    /** JSON-RPC 2.0 code for a method the node does not offer (Besu, Geth). */
    public static final int METHOD_NOT_FOUND = -32601;
    /** EIP-1474 "method not supported" (Hardhat answers it for methods it does not implement). */
    public static final int METHOD_NOT_SUPPORTED = -32004;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI endpoint;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private int nextId = 1;

    public JsonRpcClient(String url) {
        this.endpoint = URI.create(url);
    }

    /** A JSON-RPC error answer. */
    public static final class RpcError extends Exception {
        private final int code;

        public RpcError(String method, int code, String message) {
            super(method + ": " + message + " (code " + code + ")");
            this.code = code;
        }

        public int code() {
            return code;
        }

        /** Besu answers -32601 for a disabled API group; other nodes -32601 or -32004 for a method they lack. */
        public boolean methodUnavailable() {
            return code == METHOD_NOT_FOUND || code == METHOD_NOT_SUPPORTED;
        }
    }

    public JsonNode call(String method, Object... params) throws IOException, RpcError {
        ObjectNode request = JSON.createObjectNode();
        request.put("jsonrpc", "2.0");
        request.put("id", nextId++);
        request.put("method", method);
        request.set("params", JSON.valueToTree(List.of(params)));
        HttpRequest httpRequest = HttpRequest.newBuilder(endpoint)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(request)))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(httpRequest, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted calling " + method, e);
        }
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IOException(endpoint + " answered HTTP " + response.statusCode() + " without JSON-RPC to "
                    + method, e);
        }
        if (body.hasNonNull("error")) {
            JsonNode error = body.get("error");
            throw new RpcError(method, error.path("code").asInt(), error.path("message").asText());
        }
        return body.get("result");
    }
}
