package org.medledger.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
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

/**
 * The portal's journeys in a real headless Chromium against the real server and chain: an administrator registers
 * and verifies a doctor and registers a patient (whose name is a script tag), the patient grants the doctor consent,
 * the doctor sees the patient and records an observation, the patient sees that access, an auditor finds it; and
 * the sign-in's lockout, session rotation, sign-out and CSRF refusals. The journeys build on each other, in order.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PortalJourneyIT {

    private static final String DEMO_PASSWORD = "MedLedger-demo-2026";
    private static final String PASSWORD = "Synthetic-pass-2026";
    private static final String XSS_NAME = "<script>window.__xss=1</script>Synth";
    private static final long SUFFIX = System.nanoTime() % 1_000_000;
    private static final String DOCTOR = "drsynth" + SUFFIX;
    private static final String DOCTOR_NAME = "Dr Grace Synthdoctor" + SUFFIX;
    private static final String REJECTED_DOCTOR = "drrejected" + SUFFIX;
    private static final String PATIENT = "synthpatient" + SUFFIX;
    private static final String PATIENT_NAME = "Zeta" + SUFFIX + " " + XSS_NAME;

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
    void adminRegistersAndVerifiesADoctor() {
        browser.signIn("admin", DEMO_PASSWORD);
        assertTrue(browser.driver.getCurrentUrl().endsWith("/app/dashboard.xhtml"), browser.driver.getCurrentUrl());
        assertTrue(browser.pageText().contains("Block height"));
        long activeBefore = Long.parseLong(browser.text(By.id("activeDoctors")));
        browser.screenshots("admin-dashboard");

        browser.clickAndWaitForPage(By.id("navDoctors"));
        registerDoctor(DOCTOR, "Grace", "Synthdoctor" + SUFFIX, "LIC-" + SUFFIX, "Cardiology");
        assertTrue(browser.text(By.id("messages")).contains("Doctor registered"), browser.pageText());
        assertEquals("PENDING", rowOf(DOCTOR).findElement(By.xpath(".//span[contains(@id,':status')]")).getText());
        browser.clickAndWaitForPage(By.xpath(rowXpath(DOCTOR) + "//button[contains(@id,':verify')]"));
        assertEquals("VERIFIED", rowOf(DOCTOR).findElement(By.xpath(".//span[contains(@id,':status')]")).getText());

        registerDoctor(REJECTED_DOCTOR, "Hugo", "Synthreject" + SUFFIX, "LIC-R" + SUFFIX, "Dermatology");
        browser.clickAndWaitForPage(By.xpath(rowXpath(REJECTED_DOCTOR) + "//button[contains(@id,':reject')]"));
        assertTrue(browser.pageText().contains("Enter the reason for the rejection"), "a rejection needs a reason");
        browser.type(By.xpath(rowXpath(REJECTED_DOCTOR) + "//input[contains(@id,':rejectReason')]"),
                "Licence not found in the register");
        browser.clickAndWaitForPage(By.xpath(rowXpath(REJECTED_DOCTOR) + "//button[contains(@id,':reject')]"));
        WebElement rejected = rowOf(REJECTED_DOCTOR);
        assertEquals("REJECTED", rejected.findElement(By.xpath(".//span[contains(@id,':status')]")).getText());
        assertTrue(rejected.getText().contains("Licence not found in the register"));
        browser.screenshots("admin-doctors");
        browser.clickAndWaitForPage(By.id("navDashboard"));
        assertEquals(activeBefore + 1, Long.parseLong(browser.text(By.id("activeDoctors"))),
                "the verified doctor counts as active, the rejected one does not");
        assertTrue(Long.parseLong(browser.text(By.id("versionsToday"))) > 0, "record versions written today");
        browser.signOut();

        browser.signIn(REJECTED_DOCTOR, PASSWORD);
        assertTrue(browser.driver.getCurrentUrl().endsWith("/app/doctor/patients.xhtml"));
        assertTrue(browser.text(By.id("messages")).contains("credentials have not been verified"),
                "a rejected doctor sees no patient data: " + browser.pageText());
        browser.signOut();
    }

    @Test
    @Order(2)
    void adminRegistersAPatientWhoseNameIsShownLiterallyNeverRun() {
        browser.signIn("admin", DEMO_PASSWORD);
        browser.clickAndWaitForPage(By.id("navPatients"));
        browser.clickAndWaitForPage(By.id("register:submit"));
        assertTrue(browser.pageText().contains("Enter the first name"), "every missing field is named");

        browser.type(By.id("register:firstName"), "Zeta" + SUFFIX);
        browser.type(By.id("register:lastName"), XSS_NAME);
        new Select(browser.driver.findElement(By.id("register:gender"))).selectByValue("other");
        browser.typeDate("register:birthDate_input", "1985-04-12");
        browser.type(By.id("register:mobile"), "call me");
        browser.type(By.id("register:email"), "zeta" + SUFFIX + "@example.org");
        browser.type(By.id("register:address"), "1 Synthetic Street");
        browser.type(By.id("register:city"), "Testville");
        browser.type(By.id("register:state"), "Teststate");
        browser.type(By.id("register:identifier"), "SYN-" + SUFFIX);
        browser.type(By.id("register:username"), PATIENT);
        browser.type(By.id("register:password"), PASSWORD);
        browser.clickAndWaitForPage(By.id("register:submit"));
        assertTrue(browser.text(By.id("messages")).contains("Enter a mobile number of digits"), browser.pageText());
        browser.type(By.id("register:mobile"), "+00 555 0100");
        browser.type(By.id("register:password"), PASSWORD);
        browser.clickAndWaitForPage(By.id("register:submit"));

        assertTrue(browser.text(By.id("messages")).contains("Patient registered"), browser.pageText());
        assertEquals("Zeta" + SUFFIX + " " + XSS_NAME, browser.text(By.id("registeredName")),
                "the name is shown as typed, script tag and all");
        assertNull(browser.script("return window.__xss"), "the script in the name did not run");
        String reference = browser.text(By.id("registeredId"));
        assertTrue(reference.startsWith("Patient/"), reference);
        patientId = reference.substring("Patient/".length());
        browser.screenshots("admin-register-patient");
        browser.signOut();
    }

    @Test
    @Order(3)
    void patientSignsInAndGrantsConsentToTheDoctor() {
        assertNotNull(patientId, "registered by the previous journey");
        browser.signIn(PATIENT, PASSWORD);
        assertTrue(browser.driver.getCurrentUrl().endsWith("/app/patient/records.xhtml"));
        assertEquals(PATIENT_NAME, browser.text(By.id("patientName")));
        assertNull(browser.script("return window.__xss"));
        browser.screenshots("patient-records");

        browser.clickAndWaitForPage(By.id("navConsents"));
        new Select(browser.driver.findElement(By.id("grant:grantee"))).selectByVisibleText(DOCTOR_NAME + ", Cardiology");
        browser.driver.findElement(By.xpath("//input[@name='grant:categories' and @value='demographics']")).click();
        browser.typeDate("grant:until_input", LocalDate.now().plusYears(1).toString());
        browser.clickAndWaitForPage(By.id("grant:submit"));
        assertTrue(browser.text(By.id("messages")).contains("Consent given"), browser.pageText());
        assertTrue(browser.text(By.id("given:consents")).contains(DOCTOR_NAME));

        browser.reloadUntil("/app/patient/consents.xhtml", Duration.ofSeconds(90),
                () -> browser.text(By.id("given:consents")).contains("grant confirmed"));
        browser.screenshots("patient-consents");
        browser.signOut();
    }

    @Test
    @Order(4)
    void doctorSeesThePatientAndRecordsAnObservation() {
        browser.signIn(DOCTOR, PASSWORD);
        assertTrue(browser.driver.getCurrentUrl().endsWith("/app/doctor/patients.xhtml"));
        browser.reloadUntil("/app/doctor/patients.xhtml", Duration.ofSeconds(60),
                () -> browser.pageText().contains(PATIENT_NAME));
        browser.type(By.id("search:query"), "zeta" + SUFFIX);
        browser.clickAndWaitForPage(By.id("search:submit"));
        List<WebElement> found = browser.driver.findElements(By.xpath("//a[contains(@id,':open')]"));
        assertEquals(1, found.size(), "the search finds the one patient");
        assertEquals(PATIENT_NAME, found.get(0).getText());
        assertNull(browser.script("return window.__xss"));
        browser.screenshots("doctor-patients");

        browser.clickAndWaitForPage(By.xpath("//a[contains(@id,':open')]"));
        assertEquals(PATIENT_NAME, browser.text(By.id("patientName")));
        browser.type(By.id("observation:what"), "Heart rate");
        browser.type(By.id("observation:value"), "81");
        browser.type(By.id("observation:unit"), "beats/minute");
        browser.clickAndWaitForPage(By.id("observation:submit"));
        assertTrue(browser.text(By.id("messages")).contains("Observation recorded"), browser.pageText());
        assertTrue(browser.pageText().contains("Heart rate: 81 beats/minute"), browser.pageText());

        // The chart is a protected view, opened by the list's link (which carries the view token); every version
        // is marked anchored on chain or pending, and the new observation gets anchored.
        By anchoredObservation = By.xpath("//tr[.//span[contains(@id,':summary') and "
                + "text()='Heart rate: 81 beats/minute']]//span[text()='Anchored on chain']");
        browser.reloadUntil("/app/doctor/patients.xhtml", Duration.ofSeconds(60), () -> {
            browser.clickAndWaitForPage(By.xpath("//a[contains(@id,':open')][text()='" + PATIENT_NAME.replace("'", "")
                    + "']"));
            return browser.driver.findElements(anchoredObservation).size() == 1;
        });
        browser.screenshots("doctor-chart");

        browser.open("/app/doctor/chart.xhtml?patient=" + patientId);
        assertTrue(browser.pageText().contains("opens only from a link inside the portal"),
                "a chart URL without the view token (a forged link) is refused: " + browser.pageText());
        browser.open("/app/doctor/patients.xhtml");
        browser.signOut();
    }

    @Test
    @Order(5)
    void patientSeesTheDoctorsAccessInTheHistory() {
        browser.signIn(PATIENT, PASSWORD);
        assertTrue(browser.pageText().contains("Heart rate: 81 beats/minute"), "the new observation is in my records");
        browser.clickAndWaitForPage(By.id("navAccess"));
        String history = browser.text(By.id("history"));
        assertTrue(history.contains(DOCTOR_NAME), history);
        assertTrue(history.contains("read") && history.contains("create"), history);
        browser.screenshots("patient-access-history");
        browser.signOut();
    }

    @Test
    @Order(6)
    void auditorFindsTheDoctorsAccessAndExportsIt() throws Exception {
        browser.signIn("auditor", DEMO_PASSWORD);
        assertTrue(browser.driver.getCurrentUrl().endsWith("/app/auditor/audit.xhtml"));
        browser.type(By.id("search:patient"), "Patient/" + patientId);
        new Select(browser.driver.findElement(By.id("search:action"))).selectByValue("C");
        browser.typeDate("search:from_input", LocalDate.now().minusDays(1).toString());
        browser.clickAndWaitForPage(By.id("search:submit"));
        String entries = browser.text(By.id("entries"));
        assertTrue(entries.contains(DOCTOR_NAME) && entries.contains("create"), entries);
        assertTrue(!entries.contains("read"), "only the chosen action: " + entries);
        browser.screenshots("auditor-audit-trail");

        browser.type(By.id("search:user"), DOCTOR);
        new Select(browser.driver.findElement(By.id("search:outcome"))).selectByValue("0");
        browser.clickAndWaitForPage(By.id("search:submit"));
        String byUser = browser.text(By.id("entries"));
        assertTrue(byUser.contains(DOCTOR_NAME) && byUser.contains("create"), "the doctor's successful creates: " + byUser);
        new Select(browser.driver.findElement(By.id("search:outcome"))).selectByValue("4");
        browser.clickAndWaitForPage(By.id("search:submit"));
        assertTrue(!browser.text(By.id("entries")).contains(DOCTOR_NAME), "the doctor had no refused creates");
        browser.type(By.id("search:user"), "nobody-" + SUFFIX);
        new Select(browser.driver.findElement(By.id("search:outcome"))).selectByValue("0");
        browser.clickAndWaitForPage(By.id("search:submit"));
        assertTrue(!browser.text(By.id("entries")).contains(DOCTOR_NAME), "another user's search finds none of it");
        browser.type(By.id("search:user"), DOCTOR);
        browser.clickAndWaitForPage(By.id("search:submit"));

        String csvLink = browser.driver.findElement(By.id("search:csv")).getAttribute("href");
        HttpResponse<String> csv = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(csvLink))
                .header("Cookie", "JSESSIONID=" + browser.sessionCookie()).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, csv.statusCode());
        assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
        assertTrue(csv.body().startsWith("recorded,who,source,action,outcome"), csv.body());
        assertTrue(csv.body().contains("\"" + DOCTOR_NAME + "\"") && csv.body().contains("Patient/" + patientId),
                csv.body());
        browser.signOut();

        HttpResponse<String> anonymous = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(csvLink))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(!anonymous.body().contains(DOCTOR_NAME), "no export without signing in as an auditor");
    }

    @Test
    @Order(7)
    void patientRevokesTheConsentAndTheDoctorLosesAccess() {
        browser.signIn(PATIENT, PASSWORD);
        browser.clickAndWaitForPage(By.id("navConsents"));
        browser.clickAndWaitForPage(By.xpath("//button[contains(@id,':revoke')]"));
        assertTrue(browser.text(By.id("messages")).contains("Consent revoked"), browser.pageText());
        assertEquals("inactive", browser.text(By.xpath("//span[contains(@id,':status')]")));
        assertTrue(browser.driver.findElements(By.xpath("//button[contains(@id,':revoke')]")).isEmpty());
        browser.signOut();

        browser.signIn(DOCTOR, PASSWORD);
        browser.reloadUntil("/app/doctor/patients.xhtml", Duration.ofSeconds(30),
                () -> !browser.pageText().contains(PATIENT_NAME));
        assertTrue(browser.pageText().contains("No patients have given you access yet"), browser.pageText());
        browser.signOut();
    }

    @Test
    @Order(8)
    void signInRotatesTheSessionAndSignOutEndsIt() {
        browser.driver.manage().deleteAllCookies();
        browser.open("/login.xhtml");
        String before = browser.sessionCookie();
        browser.submitLogin("patient", DEMO_PASSWORD);
        assertTrue(browser.driver.getCurrentUrl().endsWith("/app/patient/records.xhtml"), "demo patient still signs in");
        assertNotEquals(before, browser.sessionCookie(), "a new session id after sign-in");
        browser.screenshots("login-then-records");
        browser.signOut();
        assertTrue(browser.driver.getCurrentUrl().contains("/login.xhtml"));
        browser.open("/app/patient/records.xhtml");
        assertTrue(browser.driver.getCurrentUrl().contains("/login.xhtml") || browser.driver.findElements(
                By.id("login:username")).size() == 1, "signed out: the records need a new sign-in");
        browser.screenshots("login");
    }

    @Test
    @Order(9)
    void fiveFailedSignInsLockTheAccountWithoutSayingSo() {
        browser.driver.manage().deleteAllCookies();
        browser.open("/login.xhtml");
        browser.submitLogin("nobody-" + SUFFIX, "Wrong-password-1");
        String unknownUser = browser.text(By.id("login:messages"));
        for (int attempt = 1; attempt <= 5; attempt++) {
            browser.submitLogin(REJECTED_DOCTOR, "Wrong-password-" + attempt);
            assertEquals(unknownUser, browser.text(By.id("login:messages")),
                    "a wrong password reads like an unknown user");
        }
        browser.submitLogin(REJECTED_DOCTOR, PASSWORD);
        assertTrue(browser.driver.getCurrentUrl().contains("/login.xhtml"), "locked: the right password is refused");
        assertEquals(unknownUser, browser.text(By.id("login:messages")), "and the message does not tell");
    }

    @Test
    @Order(10)
    void aFormPostedFromElsewhereIsRefused() throws Exception {
        browser.signIn("admin", DEMO_PASSWORD);
        browser.clickAndWaitForPage(By.id("navPatients"));
        String forgedName = "Forged" + SUFFIX;
        String form = "register=register&register%3AfirstName=" + forgedName + "&register%3AlastName=Synth"
                + "&register%3Agender=other&register%3AbirthDate_input=1990-01-01&register%3Amobile=%2B00+555+0101"
                + "&register%3Aemail=f%40example.org&register%3Aaddress=x&register%3Acity=x&register%3Astate=x"
                + "&register%3Aidentifier=SYN-F" + SUFFIX + "&register%3Ausername=forged" + SUFFIX
                + "&register%3Apassword=" + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8)
                + "&register%3Asubmit=&jakarta.faces.ViewState=-123%3A456";
        HttpResponse<String> forged = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(MedLedgerDeployment.baseUrl() + "/portal/app/admin/patients.xhtml"))
                .header("Cookie", "JSESSIONID=" + browser.sessionCookie())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, forged.statusCode(), forged.body());
        assertTrue(!forged.body().contains("Patient registered"));
        browser.signOut();

        browser.signIn("forged" + SUFFIX, PASSWORD);
        assertTrue(browser.driver.getCurrentUrl().contains("/login.xhtml"), "no login was created by the forged post");
    }

    private void registerDoctor(String username, String first, String last, String licence, String speciality) {
        browser.type(By.id("register:firstName"), first);
        browser.type(By.id("register:lastName"), last);
        browser.typeDate("register:dateOfJoining_input", "2025-09-01");
        browser.type(By.id("register:email"), username + "@example.org");
        browser.type(By.id("register:mobile"), "+00 555 0199");
        browser.type(By.id("register:licenceId"), licence);
        browser.type(By.id("register:speciality"), speciality);
        browser.type(By.id("register:city"), "Testville");
        browser.type(By.id("register:state"), "Teststate");
        browser.type(By.id("register:username"), username);
        browser.type(By.id("register:password"), PASSWORD);
        browser.clickAndWaitForPage(By.id("register:submit"));
    }

    private static String rowXpath(String username) {
        return "//tr[.//span[contains(@id,':username') and text()='" + username + "']]";
    }

    private static WebElement rowOf(String username) {
        return browser.driver.findElement(By.xpath(rowXpath(username)));
    }
}
