package org.medledger.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
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
 * Access requests, break-glass and notifications in a real headless Chromium against the real server and chain:
 * the demo doctor asks two synthetic patients for access; one approves (a consent on chain, after which the doctor
 * sees her chart), the other denies; the doctor then breaks the glass for the second, sees the chart marked as
 * emergency access, the patient sees it in her notifications and access history, and an auditor reviews the flagged
 * event. The journeys build on each other, in order.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PortalAccessRequestIT {

    private static final String DEMO_PASSWORD = "MedLedger-demo-2026";
    private static final String PASSWORD = "Synthetic-pass-2026";
    private static final String DOCTOR_NAME = "Dr Ada Synthdoc";
    private static final long SUFFIX = System.nanoTime() % 1_000_000;
    private static final String APPROVER = "synthapprove" + SUFFIX;
    private static final String APPROVER_FAMILY = SyntheticPatients.family("Accessreq");
    private static final String APPROVER_NAME = "Nora " + APPROVER_FAMILY;
    private static final String APPROVER_IDENTIFIER = SyntheticPatients.identifier("SYN-ACC");
    private static final String DENIER = "synthdeny" + SUFFIX;
    private static final String DENIER_FAMILY = SyntheticPatients.family("Denyreq");
    private static final String DENIER_NAME = "Olaf " + DENIER_FAMILY;
    private static final String DENIER_IDENTIFIER = SyntheticPatients.identifier("SYN-DEN");
    private static final String REQUEST_REASON = "Follow-up of a referral from the synthetic clinic";
    private static final String DENIAL_REASON = "I am cared for by another doctor";
    private static final String EMERGENCY_DETAILS = "Synthetic drill: found unresponsive in the waiting room";
    private static final String REVIEW_NOTE = "Checked with the ward: justified emergency";

    private static PortalBrowser browser;
    private static String approverId;
    private static String denierId;
    private static long doctorUnreadBefore;

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
    void adminRegistersTwoSyntheticPatientsWithPortalLogins() {
        browser.signIn("admin", DEMO_PASSWORD);
        approverId = registerPatient("Nora", APPROVER_FAMILY, APPROVER_IDENTIFIER, APPROVER);
        denierId = registerPatient("Olaf", DENIER_FAMILY, DENIER_IDENTIFIER, DENIER);
        browser.signOut();
    }

    @Test
    @Order(2)
    void doctorFindsPatientsOnlyByIdentifierOrExactNameAndAsksForAccess() {
        assertNotNull(denierId, "registered by the previous journey");
        browser.signIn("doctor", DEMO_PASSWORD);
        doctorUnreadBefore = unread();
        browser.clickAndWaitForPage(By.id("navRequestAccess"));

        find(APPROVER_FAMILY);
        assertTrue(browser.text(By.id("messages"))
                        .contains("No patient registered here has this identifier or full name"),
                "a part of a name lists nobody: " + browser.pageText());
        assertTrue(browser.driver.findElements(By.id("matchName")).isEmpty());

        find(APPROVER_IDENTIFIER);
        assertEquals(APPROVER_NAME, browser.text(By.id("matchName")), "found by the shared identifier");
        browser.clickAndWaitForPage(By.id("request:submit"));
        assertTrue(browser.text(By.id("messages")).contains("Enter the reason for your request"), browser.pageText());
        browser.type(By.id("request:reason"), REQUEST_REASON);
        browser.clickAndWaitForPage(By.id("request:submit"));
        assertTrue(browser.text(By.id("messages")).contains("Request sent"), browser.pageText());

        find("  " + DENIER_NAME.toLowerCase().replace(" ", "   ") + " ");
        assertEquals(DENIER_NAME, browser.text(By.id("matchName")), "found by the exact name, whatever the case");
        browser.type(By.id("request:reason"), REQUEST_REASON);
        browser.clickAndWaitForPage(By.id("request:submit"));
        assertTrue(browser.text(By.id("messages")).contains("Request sent"), browser.pageText());

        assertEquals("pending", requestStatus(APPROVER_NAME));
        assertEquals("pending", requestStatus(DENIER_NAME));
        browser.screenshots("doctor-request-access");
        browser.signOut();
    }

    @Test
    @Order(3)
    void patientIsNotifiedAndApprovesTheRequestAsAConsentOnChain() {
        browser.signIn(APPROVER, PASSWORD);
        assertEquals(1, unread(), "the request is the one unread notification");
        browser.clickAndWaitForPage(By.id("navNotifications"));
        WebElement notification = notificationRow(DOCTOR_NAME + " asks for access to your records");
        assertEquals("Unread", notification.findElement(By.xpath(".//span[contains(@id,':state')]")).getText());
        browser.screenshots("notifications");
        browser.clickAndWaitForPage(By.xpath(notificationXpath(DOCTOR_NAME + " asks for access")
                + "//button[contains(@id,':markRead')]"));
        assertEquals(0, unread(), "marked read");
        assertEquals("Read", notificationRow(DOCTOR_NAME + " asks for access")
                .findElement(By.xpath(".//span[contains(@id,':state')]")).getText());

        browser.clickAndWaitForPage(By.id("navConsents"));
        String pending = browser.text(By.id("requests:pending"));
        assertTrue(pending.contains(DOCTOR_NAME) && pending.contains(REQUEST_REASON), pending);
        browser.screenshots("patient-access-requests");
        browser.clickAndWaitForPage(By.xpath("//button[contains(@id,':approve')]"));
        assertTrue(browser.text(By.id("messages")).contains("Request approved"), browser.pageText());
        assertTrue(browser.text(By.id("requests:pending")).contains("No requests are waiting for your answer"));
        assertTrue(browser.text(By.id("given:consents")).contains(DOCTOR_NAME), "the approval is a consent");
        browser.reloadUntil("/app/patient/consents.xhtml", Duration.ofSeconds(90),
                () -> browser.text(By.id("given:consents")).contains("grant confirmed"));
        browser.signOut();
    }

    @Test
    @Order(4)
    void secondPatientDeniesTheRequestWithAReason() {
        browser.signIn(DENIER, PASSWORD);
        browser.clickAndWaitForPage(By.id("navConsents"));
        browser.type(By.xpath("//input[contains(@id,':denyReason')]"), DENIAL_REASON);
        browser.clickAndWaitForPage(By.xpath("//button[contains(@id,':deny')]"));
        assertTrue(browser.text(By.id("messages")).contains("Request denied"), browser.pageText());
        assertTrue(browser.text(By.id("requests:pending")).contains("No requests are waiting for your answer"));
        assertFalse(browser.text(By.id("given:consents")).contains(DOCTOR_NAME), "a denial gives no consent");
        browser.signOut();
    }

    @Test
    @Order(5)
    void doctorIsToldBothAnswersAndSeesOnlyTheApprovingPatientsChart() {
        browser.signIn("doctor", DEMO_PASSWORD);
        assertEquals(doctorUnreadBefore + 2, unread(), "one notification per answer");
        browser.clickAndWaitForPage(By.id("navNotifications"));
        String notifications = browser.text(By.id("notifications:entries"));
        assertTrue(notifications.contains("was approved") && notifications.contains("was denied"), notifications);
        browser.clickAndWaitForPage(By.id("notifications:markAll"));
        assertEquals(0, unread());

        browser.clickAndWaitForPage(By.id("navRequestAccess"));
        assertEquals("approved", requestStatus(APPROVER_NAME));
        assertEquals("denied", requestStatus(DENIER_NAME));
        WebElement denied = browser.driver.findElement(By.xpath(requestXpath(DENIER_NAME)));
        assertTrue(denied.getText().contains(DENIAL_REASON), denied.getText());
        assertTrue(denied.findElements(By.xpath(".//a[contains(@id,':open')]")).isEmpty(), "no chart to open");

        browser.reloadUntil("/app/doctor/requests.xhtml", Duration.ofSeconds(60), () -> {
            browser.clickAndWaitForPage(By.xpath(requestXpath(APPROVER_NAME) + "//a[contains(@id,':open')]"));
            return browser.driver.findElements(By.id("patientName")).size() == 1;
        });
        assertEquals(APPROVER_NAME, browser.text(By.id("patientName")));
        assertTrue(browser.driver.findElements(By.id("emergency")).isEmpty(), "a consented chart is no emergency");

        browser.clickAndWaitForPage(By.id("navMyPatients"));
        String patients = browser.text(By.id("patients"));
        assertTrue(patients.contains(APPROVER_NAME), patients);
        assertFalse(patients.contains(DENIER_NAME), "the denying patient stays out of reach: " + patients);
        browser.signOut();
    }

    @Test
    @Order(6)
    void breakGlassNeedsAReasonThenOpensTheChartMarkedAsEmergencyAccess() {
        browser.signIn("doctor", DEMO_PASSWORD);
        browser.clickAndWaitForPage(By.id("navEmergency"));
        browser.type(By.id("find:query"), DENIER_IDENTIFIER);
        browser.clickAndWaitForPage(By.id("find:submit"));
        assertEquals(DENIER_NAME, browser.text(By.id("matchName")));
        browser.screenshots("doctor-emergency");

        browser.clickAndWaitForPage(By.id("declare:submit"));
        assertTrue(browser.text(By.id("messages")).contains("Choose the reason for the emergency"), browser.pageText());
        assertTrue(browser.driver.getCurrentUrl().contains("/app/doctor/emergency.xhtml"), "no chart without a reason");
        new Select(browser.driver.findElement(By.id("declare:reason"))).selectByValue("unconscious");
        browser.clickAndWaitForPage(By.id("declare:submit"));
        assertTrue(browser.text(By.id("messages")).contains("Enter the details of the emergency"), browser.pageText());

        new Select(browser.driver.findElement(By.id("declare:reason"))).selectByValue("unconscious");
        browser.type(By.id("declare:details"), EMERGENCY_DETAILS);
        browser.clickAndWaitForPage(By.id("declare:submit"));
        assertTrue(browser.driver.getCurrentUrl().contains("/app/doctor/chart.xhtml"), browser.driver.getCurrentUrl());
        assertTrue(browser.text(By.id("messages")).contains("Emergency declared"), browser.pageText());
        assertEquals(DENIER_NAME, browser.text(By.id("patientName")), "the chart opens under break-glass");
        String marking = browser.text(By.id("emergency"));
        assertTrue(marking.matches("(?s)Emergency access until \\d{2}:\\d{2} .*"), marking);
        browser.screenshots("doctor-emergency-chart");
        browser.signOut();
    }

    @Test
    @Order(7)
    void patientSeesTheBreakGlassInNotificationsAndAccessHistory() {
        browser.signIn(DENIER, PASSWORD);
        assertEquals(2, unread(), "the request and the break-glass");
        browser.clickAndWaitForPage(By.id("navNotifications"));
        String emergency = notificationRow(DOCTOR_NAME + " declared an emergency").getText();
        assertTrue(emergency.matches("(?s).*for emergency treatment until \\d{2}:\\d{2}.*"), emergency);

        browser.clickAndWaitForPage(By.id("navAccess"));
        List<WebElement> emergencyReads = browser.driver.findElements(By.xpath("//table//tr"
                + "[.//span[contains(@id,':who') and text()='" + DOCTOR_NAME + "']]"
                + "[.//span[contains(@id,':action') and text()='read']][td[contains(., 'ETREAT')]]"));
        assertEquals(1, emergencyReads.size(),
                "the doctor's emergency read of my chart: " + browser.text(By.id("history")));
        assertTrue(browser.text(By.id("history")).contains("execute"), "the declaration itself");
        browser.signOut();
    }

    @Test
    @Order(8)
    void auditorReviewsTheFlaggedBreakGlassWithANote() {
        browser.signIn("auditor", DEMO_PASSWORD);
        assertTrue(unread() > 0, "auditors are told of flagged events");
        browser.clickAndWaitForPage(By.id("navNotifications"));
        assertTrue(browser.text(By.id("notifications:entries")).contains("Break-glass access to Patient/" + denierId));

        browser.clickAndWaitForPage(By.id("navReview"));
        String row = flaggedXpath();
        WebElement flagged = browser.driver.findElement(By.xpath(row));
        assertTrue(flagged.getText().contains(EMERGENCY_DETAILS) && flagged.getText().contains("Awaiting review"),
                flagged.getText());
        browser.screenshots("auditor-review");
        browser.clickAndWaitForPage(By.xpath(row + "//button[contains(@id,':markReviewed')]"));
        assertTrue(browser.text(By.id("messages")).contains("Enter a review note"), browser.pageText());
        browser.type(By.xpath(row + "//input[contains(@id,':note')]"), REVIEW_NOTE);
        browser.clickAndWaitForPage(By.xpath(row + "//button[contains(@id,':markReviewed')]"));
        assertTrue(browser.text(By.id("messages")).contains("Marked reviewed"), browser.pageText());
        flagged = browser.driver.findElement(By.xpath(row));
        assertTrue(flagged.getText().contains("Reviewed by auditor") && flagged.getText().contains(REVIEW_NOTE),
                flagged.getText());
        assertTrue(flagged.findElements(By.xpath(".//button[contains(@id,':markReviewed')]")).isEmpty());

        browser.clickAndWaitForPage(By.id("navAudit"));
        assertTrue(auditEntries(approverId, "C").contains(DOCTOR_NAME), "the request is audited");
        assertTrue(auditEntries(approverId, "U").contains(APPROVER_NAME), "the approval is audited");
        assertTrue(auditEntries(denierId, "U").contains(DENIER_NAME), "the denial is audited");
        assertTrue(auditEntries(denierId, "E").contains("Demo Auditor"), "the review is audited");
        browser.signOut();
    }

    private String registerPatient(String first, String last, String identifier, String username) {
        browser.clickAndWaitForPage(By.id("navPatients"));
        browser.type(By.id("register:firstName"), first);
        browser.type(By.id("register:lastName"), last);
        new Select(browser.driver.findElement(By.id("register:gender"))).selectByValue("female");
        browser.typeDate("register:birthDate_input", "1979-06-01");
        browser.type(By.id("register:mobile"), "+00 555 0142");
        browser.type(By.id("register:email"), username + "@example.org");
        browser.type(By.id("register:address"), "2 Synthetic Lane");
        browser.type(By.id("register:city"), "Testville");
        browser.type(By.id("register:state"), "Teststate");
        browser.type(By.id("register:identifier"), identifier);
        browser.type(By.id("register:username"), username);
        browser.type(By.id("register:password"), PASSWORD);
        browser.clickAndWaitForPage(By.id("register:submit"));
        assertTrue(browser.text(By.id("messages")).contains("Patient registered"), browser.pageText());
        String reference = browser.text(By.id("registeredId"));
        assertTrue(reference.startsWith("Patient/"), reference);
        return reference.substring("Patient/".length());
    }

    private static long unread() {
        return Long.parseLong(browser.text(By.id("notificationCount")).strip());
    }

    private static void find(String query) {
        browser.type(By.id("find:query"), query);
        browser.clickAndWaitForPage(By.id("find:submit"));
    }

    private static String requestXpath(String patientName) {
        return "//tr[.//span[contains(@id,':patient') and text()='" + patientName + "']]";
    }

    private static String requestStatus(String patientName) {
        return browser.driver.findElement(By.xpath(requestXpath(patientName) + "//span[contains(@id,':status')]"))
                .getText();
    }

    private static String notificationXpath(String text) {
        return "//tr[.//span[contains(@id,':message') and contains(text(),'" + text + "')]]";
    }

    private static WebElement notificationRow(String text) {
        return browser.driver.findElement(By.xpath(notificationXpath(text)));
    }

    private static String flaggedXpath() {
        return "//tr[td[contains(., 'Patient/" + denierId + "')]][.//span[contains(@id,':details')]]";
    }

    private static String auditEntries(String patientId, String action) {
        browser.type(By.id("search:patient"), "Patient/" + patientId);
        new Select(browser.driver.findElement(By.id("search:action"))).selectByValue(action);
        browser.clickAndWaitForPage(By.id("search:submit"));
        return browser.text(By.id("entries"));
    }
}
