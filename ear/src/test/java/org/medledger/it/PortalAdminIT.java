package org.medledger.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.medledger.contracts.generated.ConsortiumRegistry;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.web3j.crypto.Keys;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.gas.DefaultGasProvider;
import org.web3j.utils.Numeric;

/**
 * The administrator's portal pages in a real headless Chromium against the real server and chain: a nurse registered
 * and verified (counted on the dashboard, then seeing a consenting patient's chart like a doctor would); a SMART
 * backend client registered from the page whose key then really obtains a token, and disabled; a new consortium
 * member proposed and voted in on ConsortiumRegistry, read back from the chain. The journeys build on each other.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PortalAdminIT {

    private static final String DEMO_PASSWORD = "MedLedger-demo-2026";
    private static final String PASSWORD = "Synthetic-pass-2026";
    private static final long SUFFIX = System.nanoTime() % 1_000_000;
    private static final String NURSE = "nursesynth" + SUFFIX;
    private static final String NURSE_NAME = "Nurse Flo Synthnurse" + SUFFIX;
    private static final String WARD = "Ward 7 Cardiology";
    private static final String PATIENT = "ncpatient" + SUFFIX;
    private static final String PATIENT_FAMILY = SyntheticPatients.family("Nursecare");
    private static final String PATIENT_NAME = "Synthetic " + PATIENT_FAMILY;

    private static PortalBrowser browser;
    private static String patientId;

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
    void adminRegistersAndVerifiesANurseWhoCountsAsActive() throws Exception {
        signInAsAdmin();
        long nursesBefore = Long.parseLong(browser.text(By.id("activeNurses")));
        long doctorsBefore = Long.parseLong(browser.text(By.id("activeDoctors")));

        browser.clickAndWaitForPage(By.id("navNurses"));
        browser.clickAndWaitForPage(By.id("register:submit"));
        assertTrue(browser.pageText().contains("Enter the department or ward"), "every missing field is named");
        browser.type(By.id("register:firstName"), "Flo");
        browser.type(By.id("register:lastName"), "Synthnurse" + SUFFIX);
        browser.typeDate("register:dateOfJoining_input", "2025-10-01");
        browser.type(By.id("register:email"), NURSE + "@example.org");
        browser.type(By.id("register:mobile"), "+00 555 0177");
        browser.type(By.id("register:licenceId"), "RN-" + SUFFIX);
        browser.type(By.id("register:speciality"), WARD);
        browser.type(By.id("register:city"), "Testville");
        browser.type(By.id("register:state"), "Teststate");
        browser.type(By.id("register:username"), NURSE);
        browser.type(By.id("register:password"), PASSWORD);
        browser.clickAndWaitForPage(By.id("register:submit"));
        assertTrue(browser.text(By.id("messages")).contains("Nurse registered"), browser.pageText());
        WebElement row = rowOf(NURSE);
        assertTrue(row.getText().contains(NURSE_NAME) && row.getText().contains(WARD), row.getText());
        assertEquals("PENDING", status(NURSE));
        browser.clickAndWaitForPage(By.xpath(rowXpath(NURSE) + "//button[contains(@id,':verify')]"));
        assertEquals("VERIFIED", status(NURSE));
        browser.screenshots("admin-nurses");

        browser.clickAndWaitForPage(By.id("navDashboard"));
        assertEquals(nursesBefore + 1, Long.parseLong(browser.text(By.id("activeNurses"))),
                "the verified nurse counts as an active nurse");
        assertEquals(doctorsBefore, Long.parseLong(browser.text(By.id("activeDoctors"))),
                "and not as a doctor");
        registerPatientWithAnObservationAndACondition();
    }

    @Test
    @Order(2)
    void adminRegistersASmartClientWhoseKeyThenObtainsATokenUntilDisabled() throws Exception {
        signInAsAdmin();
        browser.clickAndWaitForPage(By.id("navBackendClients"));
        ECKey key = new ECKeyGenerator(Curve.P_384).keyID("portal-ec-" + SUFFIX).generate();
        String name = "Synthetic lab system " + SUFFIX;

        browser.type(By.id("register:name"), name);
        browser.type(By.id("register:jwks"), new JWKSet(key).toString(false));
        browser.driver.findElement(By.xpath("//input[@name='register:scopes' and @value='system/Patient.rs']")).click();
        browser.clickAndWaitForPage(By.id("register:submit"));
        assertTrue(browser.text(By.id("messages")).contains("private key material"),
                "a JWKS holding a private key is refused: " + browser.pageText());
        assertFalse(browser.pageText().contains(name), "and nothing is registered");

        browser.type(By.id("register:jwks"), new JWKSet(key.toPublicJWK()).toString());
        browser.type(By.id("register:otherScopes"), "patient/Observation.read");
        browser.clickAndWaitForPage(By.id("register:submit"));
        assertTrue(browser.text(By.id("messages")).contains("Not a SMART system scope: patient/Observation.read"),
                "a scope that is not a system scope is named: " + browser.pageText());

        browser.type(By.id("register:otherScopes"), " ");
        browser.clickAndWaitForPage(By.id("register:submit"));
        assertTrue(browser.text(By.id("messages")).contains("Backend client registered"), browser.pageText());
        String clientId = browser.text(By.id("clientId"));
        WebElement row = browser.driver.findElement(By.xpath(clientRowXpath(clientId)));
        assertTrue(row.getText().contains(name) && row.getText().contains("system/Patient.rs")
                && row.getText().contains("this hospital") && row.getText().contains("enabled"), row.getText());
        browser.screenshots("admin-backend-clients");

        FhirHttp http = new FhirHttp();
        HttpResponse<String> issued = token(http, clientId, key);
        assertEquals(200, issued.statusCode(), issued.body());
        String accessToken = FhirHttp.JSON.readTree(issued.body()).path("access_token").asText();
        assertEquals("system/Patient.rs", FhirHttp.JSON.readTree(issued.body()).path("scope").asText());
        assertNotEquals(401, search(http, accessToken).statusCode(), "the token is accepted by the FHIR API");

        browser.clickAndWaitForPage(By.xpath(clientRowXpath(clientId) + "//button[contains(@id,':disable')]"));
        assertTrue(browser.text(By.id("messages")).contains("Backend client disabled"), browser.pageText());
        assertTrue(browser.driver.findElement(By.xpath(clientRowXpath(clientId))).getText().contains("disabled"));
        HttpResponse<String> refused = token(http, clientId, key);
        assertEquals(401, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("invalid_client") && refused.body().contains("disabled"), refused.body());
        assertEquals(401, search(http, accessToken).statusCode(), "a disabled client's token stops working");
    }

    @Test
    @Order(3)
    void adminProposesANewMemberWhoJoinsOnceTheMajorityVoted() throws Exception {
        // A member admitted here stays (removing it needs its own vote), and TwoHospitalsIT, in the H2 pass, needs this
        // hospital to be the only member; the PostgreSQL pass's server deploys a consortium of its own.
        Assumptions.assumeTrue("postgresql".equals(System.getProperty("medledger.it.db.driver")),
                "membership changes run in the PostgreSQL pass, on that pass's own consortium");
        signInAsAdmin();
        Matcher registry = Pattern.compile("ConsortiumRegistry\\s+(0x[0-9a-fA-F]{40})")
                .matcher(browser.text(By.id("contracts")));
        assertTrue(registry.find(), "the dashboard names the registry: " + browser.text(By.id("contracts")));
        browser.clickAndWaitForPage(By.id("navConsortium"));
        String own = browser.text(By.id("ownAddress"));
        assertTrue(browser.text(By.id("members:list")).toLowerCase().contains(own.toLowerCase()),
                "this hospital is a member: " + browser.pageText());

        String member = Keys.toChecksumAddress(Keys.getAddress(Keys.createEcKeyPair().getPublicKey()));
        String mistyped = member.substring(0, 2) + swapCase(member.substring(2));
        String enode = Numeric.toHexStringNoPrefixZeroPadded(Keys.createEcKeyPair().getPublicKey(), 128);
        browser.type(By.id("propose:name"), "Synthetic General Hospital " + SUFFIX);
        browser.type(By.id("propose:fhirBaseUrl"), "https://synthetic-" + SUFFIX + ".example.org/fhir");
        browser.type(By.id("propose:address"), mistyped);
        browser.type(By.id("propose:enodeId"), "enode://12ab@10.0.0.1:30303");
        browser.clickAndWaitForPage(By.id("propose:submit"));
        String refusal = browser.text(By.id("messages"));
        assertTrue(refusal.contains("signing address has a wrong checksum"), refusal);

        browser.type(By.id("propose:address"), member);
        browser.clickAndWaitForPage(By.id("propose:submit"));
        assertTrue(browser.text(By.id("messages")).contains("The enode id must be the node's public key"),
                browser.pageText());
        browser.type(By.id("propose:enodeId"), "enode://" + enode + "@10.0.0.1:30303");
        browser.clickAndWaitForPage(By.id("propose:submit"));
        assertTrue(browser.text(By.id("messages")).contains("Transaction sent"), browser.pageText());
        String proposalRow = "//tr[.//span[contains(@id,':account') and text()='" + member + "']]";
        browser.clickAndWaitForPage(By.id("sent:refresh"));
        assertTrue(browser.text(By.id("sent:list")).contains("mined"), "the proposal is mined: " + browser.pageText());
        WebElement proposal = browser.driver.findElement(By.xpath("//*[@id='proposals:list']" + proposalRow));
        int needed = Integer.parseInt(browser.text(By.id("approvalsNeeded")));
        assertTrue(proposal.getText().contains("0 / " + needed), proposal.getText());
        browser.screenshots("admin-consortium");

        browser.clickAndWaitForPage(By.xpath("//*[@id='proposals:list']" + proposalRow
                + "//button[contains(@id,':vote')]"));
        assertTrue(browser.text(By.id("messages")).contains("Vote for proposal"), browser.pageText());
        browser.clickAndWaitForPage(By.id("sent:refresh"));
        assertFalse(browser.text(By.id("sent:list")).contains("pending"), "both transactions are mined: "
                + browser.text(By.id("sent:list")));
        Web3j web3j = Web3j.build(new HttpService(MedLedgerDeployment.rpcUrl()));
        try {
            boolean onChain = ConsortiumRegistry.load(registry.group(1), web3j,
                    new ReadonlyTransactionManager(web3j, null), new DefaultGasProvider()).isMember(member).send();
            if (needed == 1) {
                // The usual test chain: this hospital is the only member, so its vote is the majority.
                assertTrue(browser.text(By.id("members:list")).contains(member), browser.pageText());
                assertTrue(browser.text(By.id("members:list")).contains(enode), "with its Besu node");
                assertTrue(onChain, "ConsortiumRegistry.isMember answers true over JSON-RPC");
            } else {
                // Another member was voted in by an earlier test of the pass: one vote is not yet a majority.
                WebElement open = browser.driver.findElement(By.xpath("//*[@id='proposals:list']" + proposalRow));
                assertTrue(open.getText().contains("1 / " + needed) && open.getText().contains("Voted"),
                        open.getText());
                assertFalse(onChain, "not a member before the majority voted");
            }
        } finally {
            web3j.shutdown();
        }
        browser.signOut();
    }

    @Test
    @Order(4)
    void verifiedNurseSeesTheChartOfAPatientWhoGaveThemConsent() {
        assertTrue(patientId != null, "registered by the first journey");
        browser.signIn(PATIENT, PASSWORD);
        browser.clickAndWaitForPage(By.id("navConsents"));
        new Select(browser.driver.findElement(By.id("grant:grantee"))).selectByVisibleText(NURSE_NAME + ", " + WARD);
        browser.driver.findElement(By.xpath("//input[@name='grant:categories' and @value='demographics']")).click();
        // Observations and conditions are ticked to begin with: the patient leaves conditions out.
        browser.driver.findElement(By.xpath("//input[@name='grant:categories' and @value='conditions']")).click();
        browser.typeDate("grant:until_input", LocalDate.now().plusMonths(1).toString());
        browser.clickAndWaitForPage(By.id("grant:submit"));
        assertTrue(browser.text(By.id("messages")).contains("Consent given"), browser.pageText());
        browser.reloadUntil("/app/patient/consents.xhtml", Duration.ofSeconds(90),
                () -> browser.text(By.id("given:consents")).contains(NURSE_NAME)
                        && rowText("given:consents", NURSE_NAME).contains("grant confirmed"));
        browser.signOut();

        browser.signIn(NURSE, PASSWORD);
        assertTrue(browser.driver.getCurrentUrl().endsWith("/app/doctor/patients.xhtml"),
                browser.driver.getCurrentUrl());
        assertFalse(browser.pageText().contains("credentials have not been verified"), browser.pageText());
        assertTrue(browser.driver.findElement(By.id("navMyPatients")).isDisplayed());
        browser.reloadUntil("/app/doctor/patients.xhtml", Duration.ofSeconds(60),
                () -> browser.pageText().contains(PATIENT_NAME));
        browser.screenshots("nurse-patients");
        browser.clickAndWaitForPage(By.xpath("//a[contains(@id,':open')][text()='" + PATIENT_NAME + "']"));
        assertEquals(PATIENT_NAME, browser.text(By.id("patientName")));
        assertTrue(browser.pageText().contains("Heart rate"), "the consented observations: " + browser.pageText());
        assertFalse(browser.pageText().contains("Hypertensive disorder"),
                "conditions were not consented, so they stay withheld");
        browser.signOut();
    }

    /** A patient with a login, and a vital sign and a condition on their chart (written through the FHIR API). */
    private static void registerPatientWithAnObservationAndACondition() throws Exception {
        browser.clickAndWaitForPage(By.id("navPatients"));
        browser.type(By.id("register:firstName"), "Synthetic");
        browser.type(By.id("register:lastName"), PATIENT_FAMILY);
        new Select(browser.driver.findElement(By.id("register:gender"))).selectByValue("unknown");
        browser.typeDate("register:birthDate_input", "1970-01-01");
        browser.type(By.id("register:mobile"), "+00 555 0101");
        browser.type(By.id("register:email"), PATIENT + "@example.org");
        browser.type(By.id("register:address"), "2 Synthetic Street");
        browser.type(By.id("register:city"), "Testville");
        browser.type(By.id("register:state"), "Teststate");
        browser.type(By.id("register:identifier"), SyntheticPatients.identifier("SYN-NC"));
        browser.type(By.id("register:username"), PATIENT);
        browser.type(By.id("register:password"), PASSWORD);
        browser.clickAndWaitForPage(By.id("register:submit"));
        assertTrue(browser.text(By.id("messages")).contains("Patient registered"), browser.pageText());
        patientId = browser.text(By.id("registeredId")).substring("Patient/".length());
        FhirHttp http = new FhirHttp();
        http.create("Observation", """
                {"resourceType":"Observation","status":"final",
                 "category":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/observation-category","code":"vital-signs"}]}],
                 "code":{"coding":[{"system":"http://loinc.org","code":"8867-4","display":"Heart rate"}]},
                 "subject":{"reference":"Patient/%s"},"effectiveDateTime":"2026-01-10T09:30:00Z",
                 "valueQuantity":{"value":64,"unit":"beats/minute","system":"http://unitsofmeasure.org","code":"/min"}}
                """.formatted(patientId));
        http.create("Condition", """
                {"resourceType":"Condition",
                 "clinicalStatus":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/condition-clinical","code":"active"}]},
                 "code":{"coding":[{"system":"http://snomed.info/sct","code":"38341003","display":"Hypertensive disorder"}]},
                 "subject":{"reference":"Patient/%s"}}
                """.formatted(patientId));
    }

    private static void signInAsAdmin() {
        if (browser.driver.findElements(By.id("navConsortium")).isEmpty()) {
            browser.signIn("admin", DEMO_PASSWORD);
        }
        browser.clickAndWaitForPage(By.id("navDashboard"));
    }

    private static HttpResponse<String> token(FhirHttp http, String clientId, ECKey key) throws Exception {
        String endpoint = MedLedgerDeployment.baseUrl() + "/fhir/auth/token";
        SignedJWT assertion = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES384).keyID(key.getKeyID()).build(),
                new JWTClaimsSet.Builder().issuer(clientId).subject(clientId).audience(endpoint)
                        .expirationTime(Date.from(Instant.now().plusSeconds(60))).jwtID(UUID.randomUUID().toString())
                        .build());
        assertion.sign(new ECDSASigner(key));
        String form = "grant_type=client_credentials"
                + "&client_assertion_type=" + enc("urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
                + "&client_assertion=" + enc(assertion.serialize()) + "&scope=" + enc("system/Patient.rs");
        return http.send(HttpRequest.newBuilder(URI.create(endpoint))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }

    private static HttpResponse<String> search(FhirHttp http, String accessToken) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(MedLedgerDeployment.baseUrl() + "/fhir/Patient?_count=1"))
                .header("Accept", "application/fhir+json").header("Authorization", "Bearer " + accessToken)
                .GET().build());
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String swapCase(String text) {
        StringBuilder swapped = new StringBuilder();
        for (char c : text.toCharArray()) {
            swapped.append(Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c));
        }
        return swapped.toString();
    }

    private static String rowText(String tableId, String containing) {
        return browser.driver.findElements(By.xpath("//*[@id='" + tableId + "']//tr")).stream()
                .map(WebElement::getText).filter(t -> t.contains(containing)).findFirst().orElse("");
    }

    private static String status(String username) {
        return rowOf(username).findElement(By.xpath(".//span[contains(@id,':status')]")).getText();
    }

    private static String rowXpath(String username) {
        return "//tr[.//span[contains(@id,':username') and text()='" + username + "']]";
    }

    private static WebElement rowOf(String username) {
        return browser.driver.findElement(By.xpath(rowXpath(username)));
    }

    private static String clientRowXpath(String clientId) {
        return "//tr[.//span[contains(@id,':clientId') and text()='" + clientId + "']]";
    }
}
