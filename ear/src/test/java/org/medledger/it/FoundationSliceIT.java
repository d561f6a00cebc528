package org.medledger.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.medledger.contracts.generated.RecordAnchor;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;
import org.web3j.tuples.generated.Tuple3;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.gas.DefaultGasProvider;

/**
 * The foundation slice, end to end against the real server and the real chain: a FHIR write is
 * stored, read back, anchored on chain (checked through the contract itself), bad input is a 400
 * OperationOutcome, and the portal's dashboard shows the ledger.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class FoundationSliceIT {

    private static final ObjectMapper JSON = FhirHttp.JSON;
    private static final HexFormat HEX = HexFormat.of();

    private final FhirHttp http = new FhirHttp();

    @Test
    void metadataIsACapabilityStatementForTheStoredTypes() throws Exception {
        HttpResponse<String> response = get("/fhir/metadata");
        assertEquals(200, response.statusCode());
        JsonNode capability = JSON.readTree(response.body());
        assertEquals("CapabilityStatement", capability.path("resourceType").asText());
        assertEquals("4.0.1", capability.path("fhirVersion").asText());
        JsonNode patient = null;
        for (JsonNode resource : capability.path("rest").get(0).path("resource")) {
            if ("Patient".equals(resource.path("type").asText())) {
                patient = resource;
            }
        }
        assertNotNull(patient, "Patient is declared");
        List<String> interactions = new ArrayList<>();
        patient.path("interaction").forEach(i -> interactions.add(i.path("code").asText()));
        assertTrue(interactions.containsAll(List.of("read", "vread", "create", "update", "delete",
                "history-instance")), "declared interactions: " + interactions);
    }

    @Test
    void createdPatientIsStoredReadBackAndAnchoredOnChain() throws Exception {
        String family = SyntheticPatients.recorded("Synthpatient" + System.nanoTime());
        HttpResponse<String> created = post("/fhir/Patient", """
                {"resourceType":"Patient","name":[{"family":"%s","given":["Beta"]}],
                 "gender":"female","birthDate":"1990-02-03"}""".formatted(family), "application/fhir+json");
        assertEquals(201, created.statusCode(), created.body());
        String location = created.headers().firstValue("Location").orElseThrow();
        Matcher id = Pattern.compile("/Patient/([^/]+)/_history/1").matcher(location);
        assertTrue(id.find(), "Location names version 1: " + location);
        String patientId = id.group(1);

        HttpResponse<String> read = get("/fhir/Patient/" + patientId);
        assertEquals(200, read.statusCode());
        JsonNode patient = JSON.readTree(read.body());
        assertEquals(family, patient.path("name").get(0).path("family").asText());
        assertEquals("1", patient.path("meta").path("versionId").asText());
        assertEquals("W/\"1\"", read.headers().firstValue("ETag").orElseThrow());

        Map<String, JsonNode> verification = http.awaitVerification("Patient", patientId);
        assertEquals("matched", verification.get("result").path("valueCode").asText());
        assertTrue(verification.get("verifiedOnChain").path("valueBoolean").asBoolean());

        // Independently of the server: ask the RecordAnchor contract on the chain.
        byte[] leaf = hex(verification.get("contentHash").path("valueString").asText());
        byte[] root = hex(verification.get("merkleRoot").path("valueString").asText());
        List<byte[]> proof = new ArrayList<>();
        if (verification.containsKey("merkleProof")) {
            verification.get("merkleProof").path("part")
                    .forEach(p -> proof.add(hex(p.path("valueString").asText())));
        }
        long reportedBlock = Long.parseLong(verification.get("blockNumber").path("valueString").asText());
        Web3j web3j = Web3j.build(new HttpService(MedLedgerDeployment.rpcUrl()));
        try {
            RecordAnchor anchor = RecordAnchor.load(verification.get("anchorContract").path("valueString").asText(),
                    web3j, new ReadonlyTransactionManager(web3j, null), new DefaultGasProvider());
            Tuple3<String, BigInteger, BigInteger> onChain = anchor.anchorOf(root).send();
            assertNotEquals(BigInteger.ZERO, new BigInteger(onChain.component1().substring(2), 16),
                    "the root has a custodian on chain");
            assertEquals(reportedBlock, onChain.component2().longValueExact());
            assertTrue(anchor.verify(leaf, proof, root).send(), "the contract accepts the proof");
            byte[] otherLeaf = leaf.clone();
            otherLeaf[0] ^= 1;
            assertFalse(anchor.verify(otherLeaf, proof, root).send(), "the contract rejects another leaf");
            String receiptStatus = web3j.ethGetTransactionReceipt(verification.get("transactionHash")
                    .path("valueString").asText()).send().getTransactionReceipt().orElseThrow().getStatus();
            assertEquals("0x1", receiptStatus);
        } finally {
            web3j.shutdown();
        }
    }

    @Test
    void malformedJsonIsRejectedWithAnOperationOutcome() throws Exception {
        HttpResponse<String> response = post("/fhir/Patient", "{\"resourceType\":\"Patient\",\"name\":[",
                "application/fhir+json");
        assertEquals(400, response.statusCode());
        assertEquals("OperationOutcome", JSON.readTree(response.body()).path("resourceType").asText());
    }

    @Test
    void wrongResourceTypeIsRejectedWithAnOperationOutcome() throws Exception {
        HttpResponse<String> response = post("/fhir/Patient",
                "{\"resourceType\":\"Observation\",\"status\":\"final\",\"code\":{\"text\":\"x\"}}",
                "application/fhir+json");
        assertEquals(400, response.statusCode());
        assertEquals("OperationOutcome", JSON.readTree(response.body()).path("resourceType").asText());
    }

    @Test
    void unknownResourceIsA404OperationOutcome() throws Exception {
        HttpResponse<String> response = get("/fhir/Patient/does-not-exist");
        assertEquals(404, response.statusCode());
        assertEquals("OperationOutcome", JSON.readTree(response.body()).path("resourceType").asText());
    }

    @Test
    void adminSignsInAndSeesTheLedgerOnTheDashboard() throws Exception {
        HttpResponse<String> protectedPage = get("/portal/app/dashboard.xhtml");
        String loginPage = protectedPage.body();
        assertTrue(loginPage.contains("login:username"), "an anonymous visitor is sent to the login form");
        String viewState = field(loginPage, "jakarta.faces.ViewState");

        Map<String, String> form = Map.of(
                "login", "login",
                "login:username", "admin",
                "login:password", "MedLedger-demo-2026",
                "login:submit", "",
                "jakarta.faces.ViewState", viewState);
        HttpResponse<String> afterLogin = http.send(HttpRequest.newBuilder(
                        URI.create(MedLedgerDeployment.baseUrl() + "/portal/login.xhtml"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(urlEncode(form))).build());
        assertEquals(200, afterLogin.statusCode());
        assertTrue(afterLogin.uri().getPath().endsWith("/app/dashboard.xhtml"), "sent to the dashboard after sign-in: "
                + afterLogin.uri());

        HttpResponse<String> dashboard = get("/portal/app/dashboard.xhtml");
        assertEquals(200, dashboard.statusCode());
        String page = dashboard.body();
        assertTrue(page.contains("Block height"), "dashboard shows the chain height");
        assertTrue(page.contains("RecordAnchor") && page.contains("ConsentRegistry"), "dashboard lists the contracts");
        assertTrue(Pattern.compile("id=\"patients\"[^>]*>\\d+<").matcher(page).find(), "patient count shown");
        assertTrue(Pattern.compile("id=\"backlog\"[^>]*>\\d+<").matcher(page).find(), "anchoring backlog shown");
        assertTrue(Pattern.compile("id=\"blockHeight\"[^>]*>\\d+<").matcher(page).find(), "block height shown");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.get(path);
    }

    private HttpResponse<String> post(String path, String body, String contentType) throws Exception {
        return http.post(path, body, contentType);
    }

    private static String field(String html, String name) {
        Matcher m = Pattern.compile("name=\"" + Pattern.quote(name) + "\"[^>]*value=\"([^\"]*)\"").matcher(html);
        assertTrue(m.find(), "form field " + name);
        return m.group(1);
    }

    private static String urlEncode(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static byte[] hex(String value) {
        return HEX.parseHex(value.startsWith("0x") ? value.substring(2) : value);
    }
}
