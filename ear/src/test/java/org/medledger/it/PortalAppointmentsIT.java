package org.medledger.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.openqa.selenium.WindowType;
import org.openqa.selenium.support.ui.Select;

/**
 * The journey "patient books an appointment" in a real headless Chromium against the real server and chain, with
 * the demo doctor and patient (who share no consent): the doctor sets weekly hours, the patient books a free slot,
 * a second booking of the same slot (from a page opened before the first) is refused by the database, the doctor
 * accepts and from then on treats the patient (My patients, the chart), reschedules (the patient sees the new
 * time), records the arrival and completes; the patient books and cancels another. The journeys build on each other.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PortalAppointmentsIT {

    private static final String DEMO_PASSWORD = "MedLedger-demo-2026";
    private static final String DOCTOR_CHOICE = "Dr Ada Synthdoc, General practice";
    private static final String PATIENT_NAME = "Alpha Testpatient";
    private static final String REASON = "Synthetic follow-up visit";
    /** The second day with free times: never in the past while the journey runs, even close to a slot's start. */
    private static final By FIRST_SLOT_OF_SECOND_DAY = By.xpath("//select[@id='book:slot']/optgroup[2]/option[1]");

    private static PortalBrowser browser;
    private static String bookedSlot;
    private static String bookedWhen;
    private static String movedWhen;

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
    void doctorSetsWeeklyHoursAndSeesNoPatientWithoutConsentOrAppointment() {
        browser.signIn("doctor", DEMO_PASSWORD);
        assertTrue(browser.driver.getCurrentUrl().endsWith("/app/doctor/patients.xhtml"));
        assertFalse(browser.pageText().contains(PATIENT_NAME), "no consent and no appointment: not my patient yet");

        browser.clickAndWaitForPage(By.id("navAvailability"));
        for (WebElement day : browser.driver.findElements(By.xpath("//input[@name='hours:days']"))) {
            if (!day.isSelected()) {
                day.click();
            }
        }
        new Select(browser.driver.findElement(By.id("hours:startHour"))).selectByValue("18");
        new Select(browser.driver.findElement(By.id("hours:endHour"))).selectByValue("8");
        browser.clickAndWaitForPage(By.id("hours:submit"));
        assertTrue(browser.text(By.id("messages")).contains("The end hour must be after the start hour"),
                browser.pageText());

        new Select(browser.driver.findElement(By.id("hours:startHour"))).selectByValue("8");
        new Select(browser.driver.findElement(By.id("hours:endHour"))).selectByValue("18");
        new Select(browser.driver.findElement(By.id("hours:slotMinutes"))).selectByValue("30");
        browser.clickAndWaitForPage(By.id("hours:submit"));
        assertTrue(browser.text(By.id("messages")).contains("Hours saved"), browser.pageText());
        assertEquals(7, browser.driver.findElements(By.xpath("//input[@name='hours:days' and @checked]")).size(),
                "every day of the week is kept");
        browser.screenshots("doctor-availability");
        browser.signOut();
    }

    @Test
    @Order(2)
    void patientBooksAFreeSlotAndASecondBookingOfTheSameSlotIsRefused() {
        browser.signIn("patient", DEMO_PASSWORD);
        browser.clickAndWaitForPage(By.id("navAppointments"));
        showFreeTimes();
        String firstTab = browser.driver.getWindowHandle();

        // A second page, opened while the slot is still free: it offers the same time after the first books it.
        browser.driver.switchTo().newWindow(WindowType.TAB);
        browser.open("/app/patient/appointments.xhtml");
        showFreeTimes();

        browser.driver.switchTo().window(firstTab);
        WebElement option = browser.driver.findElement(FIRST_SLOT_OF_SECOND_DAY);
        bookedSlot = option.getAttribute("value");
        bookedWhen = option.findElement(By.xpath("..")).getAttribute("label") + ", " + option.getText();
        new Select(browser.driver.findElement(By.id("book:slot"))).selectByValue(bookedSlot);
        browser.type(By.id("book:reason"), REASON);
        browser.clickAndWaitForPage(By.id("book:submit"));
        assertTrue(browser.text(By.id("messages")).contains("Appointment requested"), browser.pageText());
        assertEquals("pending", statusAt(bookedWhen));
        assertTrue(rowAt(bookedWhen).getText().contains(REASON), rowAt(bookedWhen).getText());
        assertFalse(slotOffered(bookedSlot), "a booked time is no longer offered");

        String secondTab = browser.driver.getWindowHandles().stream().filter(h -> !h.equals(firstTab)).findFirst()
                .orElseThrow();
        browser.driver.switchTo().window(secondTab);
        assertTrue(slotOffered(bookedSlot), "the page opened before the booking still offers the time");
        new Select(browser.driver.findElement(By.id("book:slot"))).selectByValue(bookedSlot);
        browser.clickAndWaitForPage(By.id("book:submit"));
        assertTrue(browser.text(By.id("messages")).contains("That time was just booked by someone else"),
                browser.pageText());
        assertEquals(1, rowsAt(bookedWhen).size(), "still one appointment at that time");
        assertFalse(slotOffered(bookedSlot), "the refused page now shows the time as taken");
        browser.driver.close();
        browser.driver.switchTo().window(firstTab);

        browser.screenshots("patient-appointments");
        browser.signOut();
    }

    @Test
    @Order(3)
    void doctorAcceptsAndFromThenOnTreatsThePatientThenReschedulesAndCompletes() {
        assertNotNull(bookedWhen, "booked by the previous journey");
        browser.signIn("doctor", DEMO_PASSWORD);
        assertFalse(browser.pageText().contains(PATIENT_NAME), "a request alone is no treating relationship");

        browser.clickAndWaitForPage(By.id("navDoctorAppointments"));
        WebElement request = rowAt(bookedWhen);
        assertTrue(request.getText().contains(PATIENT_NAME) && request.getText().contains(REASON), request.getText());
        assertEquals("pending", statusAt(bookedWhen));
        browser.clickAndWaitForPage(By.xpath(rowXpath(bookedWhen) + "//button[contains(@id,':accept')]"));
        assertTrue(browser.text(By.id("messages")).contains("Appointment accepted"), browser.pageText());
        assertEquals("booked", statusAt(bookedWhen));

        browser.clickAndWaitForPage(By.id("navMyPatients"));
        List<WebElement> patients = browser.driver.findElements(By.xpath("//a[contains(@id,':open')]"));
        assertTrue(patients.stream().anyMatch(p -> p.getText().equals(PATIENT_NAME)),
                "the accepted appointment makes the patient mine: " + browser.pageText());
        browser.clickAndWaitForPage(By.xpath("//a[contains(@id,':open')][text()='" + PATIENT_NAME + "']"));
        assertEquals(PATIENT_NAME, browser.text(By.id("patientName")), "and the chart opens without a consent");
        assertTrue(browser.pageText().contains("Hypertensive disorder"), browser.pageText());

        browser.clickAndWaitForPage(By.id("navDoctorAppointments"));
        browser.clickAndWaitForPage(By.xpath(rowXpath(bookedWhen) + "//button[contains(@id,':reschedule')]"));
        List<WebElement> times = browser.driver.findElements(By.xpath("//select[@id='move:slot']//option[@value!='']"));
        assertFalse(times.stream().anyMatch(t -> t.getAttribute("value").equals(bookedSlot)),
                "the current time is not offered as a new one");
        WebElement last = times.get(times.size() - 1);
        String newSlot = last.getAttribute("value");
        movedWhen = last.findElement(By.xpath("..")).getAttribute("label") + ", " + last.getText();
        new Select(browser.driver.findElement(By.id("move:slot"))).selectByValue(newSlot);
        browser.screenshots("doctor-reschedule");
        browser.clickAndWaitForPage(By.id("move:submit"));
        assertTrue(browser.text(By.id("messages")).contains("Appointment moved"), browser.pageText());
        assertEquals("booked", statusAt(movedWhen));
        assertTrue(rowsAt(bookedWhen).isEmpty(), "no appointment left at the old time");
        browser.screenshots("doctor-appointments");

        browser.clickAndWaitForPage(By.xpath(rowXpath(movedWhen) + "//button[contains(@id,':arrived')]"));
        assertEquals("arrived", statusAt(movedWhen));
        browser.clickAndWaitForPage(By.xpath(rowXpath(movedWhen) + "//button[contains(@id,':complete')]"));
        assertTrue(browser.text(By.id("messages")).contains("Appointment completed"), browser.pageText());
        assertEquals("fulfilled", statusAt(movedWhen));
        assertTrue(browser.driver.findElements(By.xpath(rowXpath(movedWhen) + "//button")).isEmpty(),
                "nothing more to do with a fulfilled appointment");

        browser.clickAndWaitForPage(By.id("navMyPatients"));
        assertTrue(browser.pageText().contains(PATIENT_NAME), "a completed appointment keeps the relationship");
        browser.signOut();
    }

    @Test
    @Order(4)
    void patientSeesTheNewTimeThenBooksAndCancelsAnother() {
        assertNotNull(movedWhen, "rescheduled by the previous journey");
        browser.signIn("patient", DEMO_PASSWORD);
        browser.clickAndWaitForPage(By.id("navAppointments"));
        assertEquals("fulfilled", statusAt(movedWhen), "the patient sees the new time and the outcome");
        assertTrue(rowsAt(bookedWhen).isEmpty(), "and no longer the old time");

        showFreeTimes();
        assertTrue(slotOffered(bookedSlot), "the time given up by the reschedule is free again");
        new Select(browser.driver.findElement(By.id("book:slot"))).selectByValue(bookedSlot);
        browser.clickAndWaitForPage(By.id("book:submit"));
        assertTrue(browser.text(By.id("messages")).contains("Appointment requested"), browser.pageText());
        assertEquals("pending", statusAt(bookedWhen));

        browser.clickAndWaitForPage(By.xpath(rowXpath(bookedWhen) + "//button[contains(@id,':cancel')]"));
        assertEquals("pending", statusAt(bookedWhen), "asking to cancel changes nothing yet");
        assertEquals("Cancel this appointment?", browser.text(By.xpath(rowXpath(bookedWhen)
                + "//span[contains(@id,':confirmQuestion')]")));
        browser.screenshots("patient-cancel-confirmation");
        browser.clickAndWaitForPage(By.xpath(rowXpath(bookedWhen) + "//button[contains(@id,':confirmCancel')]"));
        assertTrue(browser.text(By.id("messages")).contains("Appointment cancelled"), browser.pageText());
        assertEquals("cancelled", statusAt(bookedWhen));
        assertTrue(browser.driver.findElements(By.xpath(rowXpath(bookedWhen) + "//button")).isEmpty(),
                "a cancelled appointment cannot be cancelled again");

        showFreeTimes();
        assertTrue(slotOffered(bookedSlot), "a cancelled appointment frees its time");
        browser.signOut();
    }

    private static void showFreeTimes() {
        new Select(browser.driver.findElement(By.id("choose:doctor"))).selectByVisibleText(DOCTOR_CHOICE);
        browser.clickAndWaitForPage(By.id("choose:show"));
        assertEquals(1, browser.driver.findElements(FIRST_SLOT_OF_SECOND_DAY).size(),
                "free times on more than one day: " + browser.pageText());
    }

    private static boolean slotOffered(String slot) {
        return !browser.driver.findElements(By.xpath("//select[@id='book:slot']//option[@value='" + slot + "']"))
                .isEmpty();
    }

    private static String rowXpath(String when) {
        return "//tbody/tr[.//span[contains(@id,':when') and text()='" + when + "']]";
    }

    private static List<WebElement> rowsAt(String when) {
        return browser.driver.findElements(By.xpath(rowXpath(when)));
    }

    private static WebElement rowAt(String when) {
        List<WebElement> rows = rowsAt(when);
        assertEquals(1, rows.size(), "one appointment at " + when + ": " + browser.pageText());
        return rows.get(0);
    }

    private static String statusAt(String when) {
        return rowAt(when).findElement(By.xpath(".//span[contains(@id,':status')]")).getText();
    }
}
