package org.medledger.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The auditor's and the ledger operator's pages in a real headless Chromium, checked against the test chain's own
 * JSON-RPC answers: an auditor runs an integrity sweep in the background and sees it finish clean; the admin
 * dashboard shows that sweep; the operator sees the block height, chain id, client, peers and contracts the node
 * reports, anchor transactions whose leaf counts, gas and blocks match their receipts, no invented validators on a
 * node that is not Besu, a patient's consent transactions the chain knows and the same grant in the records of the
 * doctor it names; a tampered version shows up as a mismatch in the next sweep. The journeys build on each other, in order.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PortalLedgerIT {

    private static final String DEMO_PASSWORD = "MedLedger-demo-2026";
    private static final String PASSWORD = "Synthetic-pass-2026";
    private static final long SUFFIX = System.nanoTime() % 1_000_000;
    private static final String PATIENT = "ledgerpatient" + SUFFIX;
    private static final String NODE_RPC = "http://127.0.0.1:"
            + System.getProperty("medledger.it.chain.node.port", "18555");
    private static final Duration SWEEP_LIMIT = Duration.ofMinutes(10);

    private static PortalBrowser browser;
    private static String patientId;
    private static String doctorConsentId;
    private static final Map<String, String> contracts = new HashMap<>();

    /** HTTP/1.1: the Hardhat node refuses the HTTP/2 upgrade request with 400. */
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @RegisterExtension
    final TestWatcher keepFailures = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            browser.saveFailure(context.getRequiredTestMethod().getName());
        }
    };

    @BeforeAll
    static void startBrowser() {
        browser = new PortalBrowser();
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    @Order(1)
    void auditorRunsAnIntegritySweepInTheBackgroundAndSeesItFinishWithoutMismatches() {
        browser.signIn("auditor", DEMO_PASSWORD);
        browser.clickAndWaitForPage(By.id("navIntegrity"));
        assertTrue(browser.driver.getCurrentUrl().endsWith("/app/auditor/integrity.xhtml"));
        runSweepAndAwaitResult();
        assertEquals("0", browser.text(By.id("mismatched")), browser.pageText());
        assertTrue(Long.parseLong(browser.text(By.id("checked"))) > 0, "the demo records were checked");
        assertTrue(browser.text(By.id("triggeredBy")).startsWith("portal:auditor"), browser.text(By.id("triggeredBy")));
        assertTrue(browser.driver.findElements(By.id("findings")).isEmpty(), "no mismatch listed");
        browser.screenshots("auditor-integrity");

        browser.clickAndWaitForPage(By.id("navLedger"));
        assertTrue(browser.driver.getCurrentUrl().endsWith("/app/operator/ledger.xhtml"), "auditors may view the ledger");
        assertTrue(Long.parseLong(browser.text(By.id("blockHeight"))) > 0);
        browser.signOut();
    }

    @Test
    @Order(2)
    void adminDashboardShowsTheSweepAndTheAdminRegistersAPatientWhoConsents() throws Exception {
        browser.signIn("admin", DEMO_PASSWORD);
        assertEquals("0 mismatches", browser.text(By.id("sweepResult")), browser.pageText());
        assertTrue(browser.text(By.id("sweepLast")).matches("last run \\S+, [1-9]\\d* versions checked"),
                browser.text(By.id("sweepLast")));

        browser.clickAndWaitForPage(By.id("navPatients"));
        browser.type(By.id("register:firstName"), SyntheticPatients.recorded("Ledger" + SUFFIX));
        browser.type(By.id("register:lastName"), SyntheticPatients.family("Synthledger"));
        new Select(browser.driver.findElement(By.id("register:gender"))).selectByValue("other");
        browser.typeDate("register:birthDate_input", "1979-03-02");
        browser.type(By.id("register:mobile"), "+00 555 0142");
        browser.type(By.id("register:email"), PATIENT + "@example.org");
        browser.type(By.id("register:address"), "2 Synthetic Street");
        browser.type(By.id("register:city"), "Testville");
        browser.type(By.id("register:state"), "Teststate");
        browser.type(By.id("register:identifier"), SyntheticPatients.identifier("SYN"));
        browser.type(By.id("register:username"), PATIENT);
        browser.type(By.id("register:password"), PASSWORD);
        browser.clickAndWaitForPage(By.id("register:submit"));
        assertTrue(browser.text(By.id("messages")).contains("Patient registered"), browser.pageText());
        patientId = browser.text(By.id("registeredId")).substring("Patient/".length());
        browser.signOut();

        // The patient consents through the hospital's FHIR API, to another hospital and to the demo doctor (named by
        // the licence the doctor's credential holds); the server records both on ConsentRegistry.
        FhirHttp fhir = new FhirHttp();
        fhir.create("Consent", ConsentFixtures.consent(patientId, ConsentFixtures.randomAddress(), "active",
                "observations", "TREAT"));
        doctorConsentId = fhir.create("Consent", ConsentFixtures.consent(patientId, "DOC-0001", "active",
                "observations", "TREAT").replace("urn:medledger:consortium-member", "urn:medledger:demo:licence"));
    }

    @Test
    @Order(3)
    void operatorSeesTheChainAsTheNodeReportsItAndNoInventedValidators() throws Exception {
        long heightBefore = quantity(rpc("eth_blockNumber"));
        browser.signIn("operator", DEMO_PASSWORD);
        assertTrue(browser.driver.getCurrentUrl().endsWith("/app/operator/ledger.xhtml"),
                "the operator lands on the ledger: " + browser.driver.getCurrentUrl());
        long heightAfter = quantity(rpc("eth_blockNumber"));
        long shown = Long.parseLong(browser.text(By.id("blockHeight")));
        assertTrue(shown >= heightBefore - 1 && shown <= heightAfter + 1,
                "shown " + shown + ", the chain was at " + heightBefore + ".." + heightAfter);
        assertEquals(quantity(rpc("eth_chainId")), Long.parseLong(browser.text(By.id("chainId"))));
        assertEquals(rpc("web3_clientVersion").asText(), browser.text(By.id("clientVersion")));
        assertEquals("Reachable", browser.text(By.id("reachable")));
        assertTrue(browser.text(By.id("latestBlockAge")).matches("\\d+ s ago \\(.+\\)"),
                browser.text(By.id("latestBlockAge")));
        assertTrue(browser.text(By.id("healthBacklog")).contains("record version(s)"));

        JsonNode peerCount = rpcResponse("net_peerCount", List.of());
        if (peerCount.has("result")) {
            assertEquals(quantity(peerCount.get("result")), Long.parseLong(browser.text(By.id("peerCount"))));
        }
        boolean adminPeersRefused = rpcResponse("admin_peers", List.of()).has("error");
        assertEquals(adminPeersRefused, !browser.driver.findElements(By.id("peersUnavailable")).isEmpty(),
                "the page says admin_peers is unavailable exactly when the node refuses it");

        String validators = browser.text(By.id("validators"));
        assertTrue(validators.contains("Validators are reported by Besu nodes only"), validators);
        assertTrue(validators.contains("not a Besu node"), validators);
        assertTrue(browser.driver.findElements(By.xpath("//*[@id='validators']//li")).isEmpty(),
                "no validator addresses on a node that has none");

        for (WebElement row : browser.driver.findElements(By.xpath("//tbody[@id='contracts_data']/tr"))) {
            contracts.put(row.findElement(By.xpath(".//span[contains(@id,':name')]")).getText(),
                    row.findElement(By.xpath(".//span[contains(@id,':address')]")).getText());
        }
        assertEquals(List.of("ConsentRegistry", "ConsortiumRegistry", "RecordAnchor"),
                contracts.keySet().stream().sorted().toList(), contracts.toString());
        for (String address : contracts.values()) {
            assertTrue(rpc("eth_getCode", address, "latest").asText().length() > 2, "contract code at " + address);
        }

        browser.reloadUntil("/app/operator/ledger.xhtml", Duration.ofSeconds(60), () -> !browser.driver.findElements(
                By.xpath("//tbody[@id='anchors_data']/tr[.//span[contains(@id,':state') and text()='CONFIRMED']]"))
                .isEmpty());
        List<WebElement> confirmed = browser.driver.findElements(
                By.xpath("//tbody[@id='anchors_data']/tr[.//span[contains(@id,':state') and text()='CONFIRMED']]"));
        for (WebElement row : confirmed) {
            assertTrue(Integer.parseInt(cell(row, "leaves")) > 0, row.getText());
            assertTrue(Long.parseLong(cell(row, "gas")) > 0, row.getText());
        }
        // The newest confirmed anchor, checked against the chain's receipt and the transaction's own input.
        WebElement newest = confirmed.get(0);
        String txHash = cell(newest, "tx");
        JsonNode receipt = rpc("eth_getTransactionReceipt", txHash);
        assertEquals("0x1", receipt.path("status").asText(), receipt.toString());
        assertEquals(quantity(receipt.path("blockNumber")), Long.parseLong(cell(newest, "block")));
        assertEquals(quantity(receipt.path("gasUsed")), Long.parseLong(cell(newest, "gas")));
        assertEquals(contracts.get("RecordAnchor").toLowerCase(), receipt.path("to").asText().toLowerCase(),
                "the anchor was sent to the RecordAnchor the page names");
        String input = rpc("eth_getTransactionByHash", txHash).path("input").asText();
        // anchor(bytes32 root, uint32 leafCount, bytes32 batchId): the leaf count is the second ABI word.
        assertEquals(new BigInteger(input.substring(10 + 64, 10 + 128), 16).intValueExact(),
                Integer.parseInt(cell(newest, "leaves")), "the leaf count anchored on chain");
        browser.screenshots("operator-ledger");
    }

    @Test
    @Order(4)
    void operatorFindsThePatientsConsentTransactionAndTheAnchorsOfTheirRecords() throws Exception {
        assertNotNull(patientId, "registered by an earlier journey");
        browser.clickAndWaitForPage(By.id("navTransactions"));
        browser.clickAndWaitForPage(By.id("lookup:submit"));
        assertTrue(browser.text(By.id("messages")).contains("Enter a username"), browser.pageText());
        browser.type(By.id("lookup:username"), "admin");
        browser.clickAndWaitForPage(By.id("lookup:submit"));
        assertTrue(browser.text(By.id("messages")).contains("has the role admin"), browser.pageText());

        By confirmedGrant = By.xpath("//tbody[@id='transactions_data']/tr[.//span[contains(@id,':action') and "
                + "text()='Consent granted'] and .//span[contains(@id,':state') and text()='confirmed']]");
        By anchoredPatient = By.xpath("//tbody[@id='transactions_data']/tr[.//span[contains(@id,':record') and "
                + "text()='Patient/" + patientId + "/_history/1'] and .//span[contains(@id,':state') and "
                + "text()='confirmed']]");
        Instant deadline = Instant.now().plusSeconds(90);
        while (true) {
            browser.type(By.id("lookup:username"), PATIENT);
            browser.clickAndWaitForPage(By.id("lookup:submit"));
            if (browser.driver.findElements(confirmedGrant).size() == 2
                    && !browser.driver.findElements(anchoredPatient).isEmpty()) {
                break;
            }
            assertTrue(Instant.now().isBefore(deadline), "the consent and the patient's anchor were not confirmed: "
                    + browser.pageText());
            Thread.sleep(1000);
        }
        assertTrue(browser.text(By.id("subject")).contains(PATIENT + ", patient"), browser.text(By.id("subject")));

        WebElement grant = browser.driver.findElement(confirmedGrant);
        String consentTx = cell(grant, "tx");
        JsonNode receipt = rpc("eth_getTransactionReceipt", consentTx);
        assertEquals("0x1", receipt.path("status").asText(), "the chain knows the consent transaction: " + receipt);
        assertEquals(quantity(receipt.path("blockNumber")), Long.parseLong(cell(grant, "block")));
        assertEquals(contracts.get("ConsentRegistry").toLowerCase(), receipt.path("to").asText().toLowerCase(),
                "the consent went to the ConsentRegistry the ledger page names");

        WebElement anchor = browser.driver.findElement(anchoredPatient);
        JsonNode anchorReceipt = rpc("eth_getTransactionReceipt", cell(anchor, "tx"));
        assertEquals("0x1", anchorReceipt.path("status").asText(), anchorReceipt.toString());
        assertEquals(quantity(anchorReceipt.path("blockNumber")), Long.parseLong(cell(anchor, "block")));
        By doctorGrant = By.xpath("//tbody[@id='transactions_data']/tr[.//span[contains(@id,':action') and "
                + "text()='Consent granted'] and .//span[contains(@id,':record') and text()='Consent/"
                + doctorConsentId + "']]");
        String grantToDoctorTx = cell(browser.driver.findElement(doctorGrant), "tx");
        browser.screenshots("operator-transactions");

        // The doctor's records hold the same grant: the consent given to them, with the same transaction.
        browser.type(By.id("lookup:username"), "doctor");
        browser.clickAndWaitForPage(By.id("lookup:submit"));
        assertTrue(browser.text(By.id("subject")).contains("(doctor, doctor)"), browser.text(By.id("subject")));
        assertEquals(grantToDoctorTx, cell(browser.driver.findElement(doctorGrant), "tx"), browser.pageText());
        assertEquals("0x1", rpc("eth_getTransactionReceipt", grantToDoctorTx).path("status").asText());
        browser.signOut();
    }

    @Test
    @Order(5)
    void aTamperedVersionShowsUpAsAMismatchInTheNextSweep() throws Exception {
        assertNotNull(patientId, "registered by an earlier journey");
        try (StoreDatabase db = new StoreDatabase()) {
            String where = " FROM record_version WHERE resource_type = 'Patient' AND resource_id = ? "
                    + "AND version_number = 1";
            byte[] original = db.bytes("SELECT ciphertext" + where, patientId);
            byte[] altered = original.clone();
            altered[altered.length / 2] ^= 0x01;
            db.update("UPDATE record_version SET ciphertext = ? WHERE resource_type = 'Patient' AND resource_id = ? "
                    + "AND version_number = 1", altered, patientId);
            try {
                browser.signIn("auditor", DEMO_PASSWORD);
                browser.clickAndWaitForPage(By.id("navIntegrity"));
                runSweepAndAwaitResult();
                assertEquals("1", browser.text(By.id("mismatched")), browser.pageText());
                List<WebElement> findings = browser.driver.findElements(By.xpath("//tbody[@id='findings_data']/tr"));
                assertEquals(1, findings.size(), browser.pageText());
                assertEquals("Patient/" + patientId + "/_history/1", cell(findings.get(0), "version"));
                assertTrue(!cell(findings.get(0), "mismatch").isBlank(), "what mismatched is said");
                browser.screenshots("auditor-integrity-mismatch");
            } finally {
                db.update("UPDATE record_version SET ciphertext = ? WHERE resource_type = 'Patient' AND resource_id = ? "
                        + "AND version_number = 1", original, patientId);
            }
        }
        browser.signOut();
    }

    /** Starts a sweep from the integrity page and waits, without reloading, until the page shows its result. */
    private void runSweepAndAwaitResult() {
        String before = browser.driver.findElements(By.id("finishedAt")).isEmpty() ? ""
                : browser.text(By.id("finishedAt"));
        browser.driver.findElement(By.id("sweep:start")).click();
        new WebDriverWait(browser.driver, Duration.ofSeconds(30)).until(d -> browser.pageText()
                .contains("Integrity sweep started"));
        new WebDriverWait(browser.driver, SWEEP_LIMIT).pollingEvery(Duration.ofSeconds(1)).until(d ->
                !d.findElements(By.id("finishedAt")).isEmpty()
                        && !d.findElement(By.id("finishedAt")).getText().equals(before));
    }

    private static String cell(WebElement row, String id) {
        return row.findElement(By.xpath(".//span[contains(@id,':" + id + "')]")).getText();
    }

    private JsonNode rpc(String method, Object... params) throws Exception {
        JsonNode response = rpcResponse(method, List.of(params));
        if (response.has("error")) {
            throw new AssertionError(method + " failed: " + response);
        }
        return response.get("result");
    }

    private JsonNode rpcResponse(String method, List<Object> params) throws Exception {
        ObjectNode request = FhirHttp.JSON.createObjectNode().put("jsonrpc", "2.0").put("id", 1).put("method", method);
        ArrayNode array = request.putArray("params");
        params.forEach(p -> array.add(p.toString()));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(NODE_RPC))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(request.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return FhirHttp.JSON.readTree(response.body());
    }

    private static long quantity(JsonNode hex) {
        return new BigInteger(hex.asText().substring(2), 16).longValueExact();
    }
}
