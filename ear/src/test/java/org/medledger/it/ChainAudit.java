package org.medledger.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** What the chain and a server's database say about anchoring, checked from outside the servers. */
final class ChainAudit {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    private ChainAudit() {
    }

    /** The Hardhat node itself (not the link the servers use): pause or resume block production. */
    static void mining(boolean on) throws Exception {
        String node = "http://127.0.0.1:" + System.getProperty("medledger.it.chain.node.port");
        rpc(node, "evm_setAutomine", "[" + on + "]");
        if (on) {
            rpc(node, "evm_mine", "[]");
        }
    }

    static JsonNode rpc(String url, String method, String params) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method
                        + "\",\"params\":" + params + "}")).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = FhirHttp.JSON.readTree(response.body());
        assertTrue(!body.has("error"), method + ": " + response.body());
        return body.path("result");
    }

    /**
     * One leaf per record version, all anchored; the chain holds exactly one Anchored event per confirmed batch
     * (same roots), and the events' leaf counts add up to the number of versions.
     */
    static void assertAnchoredExactlyOnce(String dbUrl, String user, String password) throws Exception {
        try (Connection db = DriverManager.getConnection(dbUrl, user, password); Statement sql = db.createStatement()) {
            long versions = single(sql, "SELECT COUNT(*) FROM record_version");
            assertEquals(versions, single(sql, "SELECT COUNT(*) FROM anchor_leaf"), "one leaf per version");
            assertEquals(versions, single(sql, "SELECT COUNT(*) FROM anchor_leaf WHERE state = 'ANCHORED'"));
            long confirmed = single(sql, "SELECT COUNT(*) FROM anchor_batch WHERE state = 'CONFIRMED'");
            assertEquals(single(sql, "SELECT COUNT(*) FROM anchor_batch"), confirmed, "no batch left unconfirmed");
            String anchor;
            try (ResultSet rs = sql.executeQuery(
                    "SELECT address FROM deployed_contract WHERE contract_name = 'RecordAnchor'")) {
                assertTrue(rs.next());
                anchor = rs.getString(1);
            }
            String topic = "0x" + org.bouncycastle.util.encoders.Hex.toHexString(keccak(
                    "Anchored(bytes32,bytes32,address,uint32)"));
            JsonNode logs = rpc(System.getProperty("medledger.it.rpc-url"), "eth_getLogs",
                    FhirHttp.JSON.writeValueAsString(List.of(Map.of("address", anchor, "fromBlock", "0x0",
                            "toBlock", "latest", "topics", List.of(topic)))));
            assertEquals(confirmed, logs.size(), "one Anchored event per confirmed batch, none twice");
            long leaves = 0;
            for (JsonNode log : (ArrayNode) logs) {
                leaves += Long.parseLong(log.path("data").asText().substring(2), 16);
            }
            assertEquals(versions, leaves, "every version counted once on chain");
        }
    }

    private static long single(Statement sql, String query) throws Exception {
        try (ResultSet rs = sql.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static byte[] keccak(String text) {
        org.bouncycastle.jcajce.provider.digest.Keccak.Digest256 digest =
                new org.bouncycastle.jcajce.provider.digest.Keccak.Digest256();
        return digest.digest(text.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }
}
