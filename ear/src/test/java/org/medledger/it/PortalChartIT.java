package org.medledger.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.MedicationRequest;
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
 * The chart in a real headless Chromium against the real server and chain: a synthetic patient consents to the demo
 * doctor; the doctor adds a condition, a prescription, a note, two observations and a PDF (a text file posing as a
 * PDF is refused), each marked pending and then anchored on chain, with the vitals drawn as a chart; the patient
 * sees it all, downloads the PDF byte for byte and all their data as a FHIR Bundle, and uploads a test report that
 * the doctor then sees and another patient cannot open. The journeys build on each other, in order.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PortalChartIT {

    private static final String DEMO_PASSWORD = "MedLedger-demo-2026";
    private static final String PASSWORD = "Synthetic-pass-2026";
    private static final String DEMO_DOCTOR = "doctor";
    private static final long SUFFIX = System.nanoTime() % 1_000_000;
    private static final String PATIENT = "chartpatient" + SUFFIX;
    private static final String FAMILY = SyntheticPatients.family("Chartsynth");
    private static final String PATIENT_NAME = "Theta " + FAMILY;
    private static final String CONDITION = "Essential hypertension " + SUFFIX;
    private static final String MEDICATION = "Amlodipine 5 mg tablet " + SUFFIX;
    private static final String DOSAGE = "One tablet every morning";
    private static final String NOTE = "Reviewed home readings; <b>not bold</b> & stable " + SUFFIX;
    private static final String DOCUMENT_TITLE = "Discharge letter " + SUFFIX;
    private static final String REPORT_TITLE = "Blood test " + SUFFIX;
    private static final FhirContext FHIR = FhirContext.forR4Cached();

    private static PortalBrowser browser;
    private static Path files;
    private static Path pdf;
    private static String patientId;

    @RegisterExtension
    final TestWatcher keepFailures = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            browser.saveFailure(context.getRequiredTestMethod().getName());
        }
    };

    @BeforeAll
    static void startBrowser() throws IOException {
        browser = new PortalBrowser();
        files = Files.createTempDirectory("medledger-chart-");
        pdf = files.resolve("discharge letter (final).pdf");
        Files.write(pdf, pdf("Synthetic discharge letter " + SUFFIX));
    }

    @AfterAll
    static void stopBrowser() throws IOException {
        if (browser != null) {
            browser.close();
        }
        try (var list = Files.list(files)) {
            for (Path file : list.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(files);
    }

    @Test
    @Order(1)
    void patientIsRegisteredAndConsentsToTheDemoDoctor() {
        browser.signIn("admin", DEMO_PASSWORD);
        browser.clickAndWaitForPage(By.id("navPatients"));
        browser.type(By.id("register:firstName"), "Theta");
        browser.type(By.id("register:lastName"), FAMILY);
        new Select(browser.driver.findElement(By.id("register:gender"))).selectByValue("other");
        browser.typeDate("register:birthDate_input", "1970-01-01");
        browser.type(By.id("register:mobile"), "+00 555 0150");
        browser.type(By.id("register:email"), PATIENT + "@example.org");
        browser.type(By.id("register:address"), "2 Synthetic Street");
        browser.type(By.id("register:city"), "Testville");
        browser.type(By.id("register:state"), "Teststate");
        browser.type(By.id("register:identifier"), SyntheticPatients.identifier("SYN-CHART"));
        browser.type(By.id("register:username"), PATIENT);
        browser.type(By.id("register:password"), PASSWORD);
        browser.clickAndWaitForPage(By.id("register:submit"));
        assertTrue(browser.text(By.id("messages")).contains("Patient registered"), browser.pageText());
        patientId = browser.text(By.id("registeredId")).substring("Patient/".length());
        browser.signOut();

        browser.signIn(PATIENT, PASSWORD);
        browser.clickAndWaitForPage(By.id("navConsents"));
        new Select(browser.driver.findElement(By.id("grant:grantee")))
                .selectByVisibleText("Dr Ada Synthdoc, General practice");
        for (String category : List.of("demographics", "medications", "documents")) {
            browser.driver.findElement(By.xpath("//input[@name='grant:categories' and @value='" + category + "']"))
                    .click();
        }
        browser.typeDate("grant:until_input", LocalDate.now().plusYears(1).toString());
        browser.clickAndWaitForPage(By.id("grant:submit"));
        assertTrue(browser.text(By.id("messages")).contains("Consent given"), browser.pageText());
        browser.reloadUntil("/app/patient/consents.xhtml", Duration.ofSeconds(90),
                () -> browser.text(By.id("given:consents")).contains("grant confirmed"));
        browser.signOut();
    }

    @Test
    @Order(2)
    void doctorAddsConditionPrescriptionNoteVitalsAndAPdfEachAnchoredOnChain() throws IOException {
        assertNotNull(patientId, "registered by the previous journey");
        browser.signIn(DEMO_DOCTOR, DEMO_PASSWORD);
        browser.reloadUntil("/app/doctor/patients.xhtml", Duration.ofSeconds(60),
                () -> browser.pageText().contains(PATIENT_NAME));
        openChartAsDoctor();

        browser.type(By.id("condition:code"), CONDITION);
        new Select(browser.driver.findElement(By.id("condition:status"))).selectByValue("active");
        browser.typeDate("condition:onset_input", LocalDate.now().minusYears(2).toString());
        browser.clickAndWaitForPage(By.id("condition:submit"));
        assertTrue(browser.text(By.id("messages")).contains("Condition recorded"), browser.pageText());

        browser.type(By.id("prescription:medication"), MEDICATION);
        browser.type(By.id("prescription:dosage"), DOSAGE);
        browser.clickAndWaitForPage(By.id("prescription:submit"));
        assertTrue(browser.text(By.id("messages")).contains("Prescription recorded"), browser.pageText());

        browser.type(By.id("note:text"), NOTE);
        browser.clickAndWaitForPage(By.id("note:submit"));
        assertTrue(browser.text(By.id("messages")).contains("Note recorded"), browser.pageText());

        for (String value : List.of("142", "128")) {
            browser.type(By.id("observation:what"), "Systolic blood pressure");
            browser.type(By.id("observation:value"), value);
            browser.type(By.id("observation:unit"), "mmHg");
            browser.clickAndWaitForPage(By.id("observation:submit"));
            assertTrue(browser.text(By.id("messages")).contains("Observation recorded"), browser.pageText());
        }

        Path fake = files.resolve("lab-results.pdf");
        Files.writeString(fake, "Just text pretending to be a PDF " + SUFFIX, StandardCharsets.UTF_8);
        upload("document", "Not a document " + SUFFIX, fake);
        assertTrue(browser.text(By.id("messages")).contains("The file is not a PDF, PNG or JPEG document"),
                "a file whose content is not a PDF or image is refused, whatever its name: " + browser.pageText());
        assertTrue(!browser.pageText().contains("Not a document " + SUFFIX), "nothing was stored for it");

        upload("document", DOCUMENT_TITLE, pdf);
        assertTrue(browser.text(By.id("messages")).contains("Document uploaded"), browser.pageText());

        // Every new record is on the timeline with its ledger mark (pending at first), then anchored on chain.
        List<String> added = List.of("Condition|" + CONDITION + " (active)",
                "Prescription|" + MEDICATION + ", " + DOSAGE, "Document|Progress note: " + NOTE,
                "Observation|Systolic blood pressure: 142 mmHg", "Observation|Systolic blood pressure: 128 mmHg",
                "Document|Clinical document: " + DOCUMENT_TITLE);
        for (String entry : added) {
            assertTrue(markOf(entry).matches("Pending anchoring|Anchored on chain"), entry + ": " + markOf(entry));
        }
        assertEquals(1L, browser.script("return document.querySelectorAll('#vitals > canvas#vitals_canvas').length"),
                "the vitals chart has its canvas");
        assertTrue(((Number) browser.script("return document.getElementById('vitals_canvas').width")).intValue() > 0,
                "the chart was drawn (Chart.js ran under the Content-Security-Policy)");
        assertEquals(Boolean.TRUE, browser.script("return !!(window.Chart && Chart.getChart("
                + "document.getElementById('vitals_canvas')))"), "Chart.js owns the canvas");
        browser.screenshots("doctor-chart-with-vitals");

        browser.reloadUntil("/app/doctor/patients.xhtml", Duration.ofSeconds(90), () -> {
            openChartAsDoctor();
            return added.stream().allMatch(entry -> "Anchored on chain".equals(markOf(entry)));
        });
        browser.open("/app/doctor/patients.xhtml");
        browser.signOut();
    }

    @Test
    @Order(3)
    void patientSeesTheRecordsDownloadsThePdfAndAllTheirDataAndUploadsATestReport() throws Exception {
        browser.signIn(PATIENT, PASSWORD);
        assertTrue(browser.driver.getCurrentUrl().endsWith("/app/patient/records.xhtml"));
        String page = browser.pageText();
        for (String expected : List.of(CONDITION, MEDICATION, NOTE, DOCUMENT_TITLE, "Systolic blood pressure: 128 mmHg")) {
            assertTrue(page.contains(expected), expected + " is in my records: " + page);
        }
        assertTrue(browser.driver.findElements(By.tagName("b")).isEmpty(), "the note's markup is shown as text");
        assertTrue(browser.driver.findElements(By.id("vitals_canvas")).size() == 1, "my vitals chart is drawn");

        String pdfLink = rowOf("Clinical document: " + DOCUMENT_TITLE)
                .findElement(By.xpath(".//a[contains(@id,':download')]")).getAttribute("href");
        HttpResponse<byte[]> download = get(pdfLink, browser.sessionCookie());
        assertEquals(200, download.statusCode());
        assertEquals("application/pdf", download.headers().firstValue("Content-Type").orElse(""));
        assertEquals("attachment; filename=\"discharge_letter_final_.pdf\"",
                download.headers().firstValue("Content-Disposition").orElse(""),
                "an attachment with a file name made safe (no spaces, brackets or quotes)");
        assertArrayEquals(Files.readAllBytes(pdf), download.body(), "the bytes the doctor uploaded");
        HttpResponse<byte[]> anonymous = get(pdfLink, null);
        assertTrue(anonymous.statusCode() != 200 || !new String(anonymous.body(), StandardCharsets.ISO_8859_1)
                .startsWith("%PDF"), "no document without signing in");

        String exportLink = browser.driver.findElement(By.id("export")).getAttribute("href");
        HttpResponse<byte[]> export = get(exportLink, browser.sessionCookie());
        assertEquals(200, export.statusCode());
        assertTrue(export.headers().firstValue("Content-Type").orElse("").startsWith("application/fhir+json"));
        Bundle bundle = FHIR.newJsonParser().parseResource(Bundle.class,
                new String(export.body(), StandardCharsets.UTF_8));
        assertEquals(Bundle.BundleType.COLLECTION, bundle.getType());
        assertTrue(bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .anyMatch(r -> r instanceof Condition c && CONDITION.equals(c.getCode().getText())
                        && ("Patient/" + patientId).equals(c.getSubject().getReference())), "the condition");
        assertTrue(bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .anyMatch(r -> r instanceof MedicationRequest m
                        && MEDICATION.equals(m.getMedicationCodeableConcept().getText())
                        && DOSAGE.equals(m.getDosageInstructionFirstRep().getText())), "the prescription");
        assertTrue(bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .anyMatch(r -> r instanceof DocumentReference d && DOCUMENT_TITLE.equals(d.getDescription())
                        && d.getContentFirstRep().getAttachment().getUrl().startsWith("Binary/")),
                "the document reference, pointing to its Binary");
        browser.screenshots("patient-records-chart");

        Path fake = files.resolve("report.png");
        Files.write(fake, "GIF89a is not taken either".getBytes(StandardCharsets.US_ASCII));
        upload("report", REPORT_TITLE, fake);
        assertTrue(browser.text(By.id("messages")).contains("The file is not a PDF, PNG or JPEG document"),
                browser.pageText());
        Path report = files.resolve("blood-test.pdf");
        Files.write(report, pdf("Synthetic blood test " + SUFFIX));
        upload("report", REPORT_TITLE, report);
        assertTrue(browser.text(By.id("messages")).contains("Test report uploaded"), browser.pageText());
        assertTrue(browser.pageText().contains("Test report: " + REPORT_TITLE), browser.pageText());
        browser.signOut();
    }

    @Test
    @Order(4)
    void doctorSeesThePatientsTestReportWhichNoOtherPatientCanOpen() throws Exception {
        browser.signIn(DEMO_DOCTOR, DEMO_PASSWORD);
        openChartAsDoctor();
        WebElement row = rowOf("Test report: " + REPORT_TITLE);
        assertTrue(row.getText().contains("Document"), row.getText());
        String link = row.findElement(By.xpath(".//a[contains(@id,':download')]")).getAttribute("href");
        HttpResponse<byte[]> download = get(link, browser.sessionCookie());
        assertEquals(200, download.statusCode());
        assertArrayEquals(Files.readAllBytes(files.resolve("blood-test.pdf")), download.body());
        browser.open("/app/patient/my-records.json");
        assertTrue(!browser.pageText().contains("\"resourceType\""), "a doctor gets no patient's data export");
        browser.open("/app/doctor/patients.xhtml");
        browser.signOut();

        browser.signIn("patient", DEMO_PASSWORD);
        HttpResponse<byte[]> otherPatient = get(link, browser.sessionCookie());
        assertEquals(404, otherPatient.statusCode(), "another patient cannot open this patient's document");
        assertTrue(!new String(otherPatient.body(), StandardCharsets.ISO_8859_1).startsWith("%PDF"));
        browser.signOut();
    }

    private static void openChartAsDoctor() {
        browser.open("/app/doctor/patients.xhtml");
        browser.type(By.id("search:query"), FAMILY);
        browser.clickAndWaitForPage(By.id("search:submit"));
        browser.clickAndWaitForPage(By.xpath("//a[contains(@id,':open')]"));
        assertEquals(PATIENT_NAME, browser.text(By.id("patientName")));
    }

    private static void upload(String form, String title, Path file) {
        browser.type(By.id(form + ":title"), title);
        browser.driver.findElement(By.xpath("//form[@id='" + form + "']//input[@type='file']"))
                .sendKeys(file.toAbsolutePath().toString());
        browser.clickAndWaitForPage(By.id(form + ":submit"));
    }

    /** The ledger mark of the timeline row whose kind and summary are {@code "kind|summary"}. */
    private static String markOf(String kindAndSummary) {
        String[] parts = kindAndSummary.split("\\|", 2);
        List<WebElement> rows = browser.driver.findElements(By.xpath("//tr[.//span[contains(@id,':kind') and text()='"
                + parts[0] + "'] and .//span[contains(@id,':summary') and text()=" + literal(parts[1]) + "]]"));
        assertEquals(1, rows.size(), "one row for " + kindAndSummary + " in " + browser.pageText());
        return rows.get(0).findElement(By.xpath(".//span[contains(@id,':anchoring')]")).getText();
    }

    private static WebElement rowOf(String summary) {
        return browser.driver.findElement(By.xpath("//tr[.//span[contains(@id,':summary') and text()="
                + literal(summary) + "]]"));
    }

    /** An XPath string literal for text without apostrophes. */
    private static String literal(String text) {
        return "'" + text + "'";
    }

    private static HttpResponse<byte[]> get(String url, String sessionCookie) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
        if (sessionCookie != null) {
            request.header("Cookie", "JSESSIONID=" + sessionCookie);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** A small, valid one-page PDF showing {@code text}. */
    private static byte[] pdf(String text) {
        String stream = "BT /F1 12 Tf 72 720 Td (" + text + ") Tj ET";
        String[] objects = {
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
                + "/Resources << /Font << /F1 5 0 R >> >> >>",
            "<< /Length " + stream.length() + " >>\nstream\n" + stream + "\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"};
        StringBuilder pdf = new StringBuilder("%PDF-1.4\n");
        int[] offsets = new int[objects.length];
        for (int i = 0; i < objects.length; i++) {
            offsets[i] = pdf.length();
            pdf.append(i + 1).append(" 0 obj\n").append(objects[i]).append("\nendobj\n");
        }
        int xref = pdf.length();
        pdf.append("xref\n0 ").append(objects.length + 1).append("\n0000000000 65535 f \n");
        for (int offset : offsets) {
            pdf.append(String.format("%010d 00000 n \n", offset));
        }
        pdf.append("trailer\n<< /Size ").append(objects.length + 1).append(" /Root 1 0 R >>\nstartxref\n")
                .append(xref).append("\n%%EOF\n");
        return pdf.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
