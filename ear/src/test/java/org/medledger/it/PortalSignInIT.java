package org.medledger.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.as.controller.client.ModelControllerClient;
import org.jboss.dmr.ModelNode;
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
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;

/**
 * Sign-in beyond the password, in a real headless Chromium against the real server: a patient links an Ethereum
 * wallet and signs in with it (the page talks to an EIP-1193 provider injected into every document, whose
 * personal_sign hands the message to this test, which signs it with its own secp256k1 key); an unlinked wallet, a
 * signature by another key and a replayed message are refused; a doctor turns on the TOTP second factor (the codes
 * come from this test's own RFC 6238 implementation) and sign-in then asks for it; an idle session warns and then
 * ends on the sign-in page. The journeys build on each other, in order.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PortalSignInIT {

    private static final String DEMO_PASSWORD = "MedLedger-demo-2026";
    private static final String PASSWORD = "Synthetic-pass-2026";
    private static final long SUFFIX = System.nanoTime() % 1_000_000;
    private static final String PATIENT = "walletpatient" + SUFFIX;
    private static final String DOCTOR = "drtotp" + SUFFIX;
    private static final String IDLE_SETTING = "medledger.portal.session-idle-seconds";
    private static final int IDLE_SECONDS = 28;

    /**
     * An EIP-1193 provider as a wallet extension injects it: the address it shares is the one the test put in
     * sessionStorage; personal_sign waits for the test to resolve it.
     */
    private static final String TEST_WALLET = """
            window.__testWallet = { pending: null };
            window.ethereum = {
              request: function (args) {
                var address = window.sessionStorage.getItem('testWalletAddress');
                if (args.method === 'eth_requestAccounts' || args.method === 'eth_accounts') {
                  return Promise.resolve(address ? [address] : []);
                }
                if (args.method === 'personal_sign') {
                  return new Promise(function (resolve, reject) {
                    window.__testWallet.pending = { data: args.params[0], address: args.params[1], resolve: resolve };
                  });
                }
                return Promise.reject(new Error('unsupported method ' + args.method));
              }
            };""";

    private static PortalBrowser browser;
    private static final ECKeyPair LINKED_KEY = newKey();
    private static final ECKeyPair UNLINKED_KEY = newKey();
    private static String usedMessage;
    private static String usedSignature;
    private static String totpSecret;
    private static long lastCodeStep;

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
    void adminRegistersAPatientAndADoctorWhoUseTheOtherSignInMethods() {
        browser.signIn("admin", DEMO_PASSWORD);
        browser.clickAndWaitForPage(By.id("navPatients"));
        browser.type(By.id("register:firstName"), "Wallet");
        browser.type(By.id("register:lastName"), SyntheticPatients.family("Synthwallet"));
        new Select(browser.driver.findElement(By.id("register:gender"))).selectByValue("other");
        browser.typeDate("register:birthDate_input", "1979-03-04");
        browser.type(By.id("register:mobile"), "+00 555 0150");
        browser.type(By.id("register:email"), PATIENT + "@example.org");
        browser.type(By.id("register:address"), "2 Synthetic Street");
        browser.type(By.id("register:city"), "Testville");
        browser.type(By.id("register:state"), "Teststate");
        browser.type(By.id("register:identifier"), SyntheticPatients.identifier("SYN-W"));
        browser.type(By.id("register:username"), PATIENT);
        browser.type(By.id("register:password"), PASSWORD);
        browser.clickAndWaitForPage(By.id("register:submit"));
        assertTrue(browser.text(By.id("messages")).contains("Patient registered"), browser.pageText());

        browser.clickAndWaitForPage(By.id("navDoctors"));
        browser.type(By.id("register:firstName"), "Tess");
        browser.type(By.id("register:lastName"), SyntheticPatients.family("Synthtotp"));
        browser.typeDate("register:dateOfJoining_input", "2025-09-01");
        browser.type(By.id("register:email"), DOCTOR + "@example.org");
        browser.type(By.id("register:mobile"), "+00 555 0151");
        browser.type(By.id("register:licenceId"), "LIC-T" + SUFFIX);
        browser.type(By.id("register:speciality"), "Nephrology");
        browser.type(By.id("register:city"), "Testville");
        browser.type(By.id("register:state"), "Teststate");
        browser.type(By.id("register:username"), DOCTOR);
        browser.type(By.id("register:password"), PASSWORD);
        browser.clickAndWaitForPage(By.id("register:submit"));
        assertTrue(browser.text(By.id("messages")).contains("Doctor registered"), browser.pageText());
        browser.signOut();
    }

    @Test
    @Order(2)
    void withoutAWalletInTheBrowserTheButtonSaysSo() {
        browser.driver.manage().deleteAllCookies();
        browser.open("/login.xhtml");
        assertNotNull(browser.script("return document.getElementById('walletSignIn')"));
        browser.driver.findElement(By.id("walletSignIn")).click();
        browser.waitFor(() -> browser.text(By.id("walletStatus")).contains("No wallet found in this browser"));
        assertTrue(browser.driver.getCurrentUrl().contains("/login.xhtml"));
    }

    @Test
    @Order(3)
    void patientLinksAWalletOnTheProfileAndThenSignsInWithIt() {
        browser.addScriptToEveryDocument(TEST_WALLET);
        browser.signIn(PATIENT, PASSWORD);
        browser.clickAndWaitForPage(By.id("navProfile"));
        assertTrue(browser.pageText().contains("Link an Ethereum wallet"), browser.pageText());
        browser.screenshots("profile-patient");
        useWallet(LINKED_KEY);
        browser.driver.findElement(By.id("linkWallet")).click();
        String linkMessage = signInBrowser(LINKED_KEY).message();
        assertTrue(linkMessage.contains("Link this wallet"), linkMessage);
        assertTrue(browser.text(By.id("messages")).contains("Wallet linked"), browser.pageText());
        assertEquals(address(LINKED_KEY), browser.text(By.id("walletAddress")), "the checksummed address is shown");
        browser.signOut();

        browser.open("/login.xhtml");
        String sessionBefore = browser.sessionCookie();
        useWallet(LINKED_KEY);
        browser.driver.findElement(By.id("walletSignIn")).click();
        Signed signed = signInBrowser(LINKED_KEY);
        assertTrue(browser.driver.getCurrentUrl().endsWith("/app/patient/records.xhtml"),
                "the wallet signs the patient in to their records: " + browser.pageText());
        assertEquals(PATIENT, browser.text(By.id("session:who")));
        assertNotEquals(sessionBefore, browser.sessionCookie(), "a new session id after a wallet sign-in");

        String host = java.net.URI.create(MedLedgerDeployment.baseUrl()).getAuthority();
        assertTrue(signed.message().startsWith(host + " wants you to sign in with your Ethereum account:\n"
                + address(LINKED_KEY) + "\n"), signed.message());
        assertTrue(signed.message().contains("\nVersion: 1\nChain ID: 31337\nNonce: "), signed.message());
        assertTrue(signed.message().contains("\nURI: " + MedLedgerDeployment.baseUrl() + "/portal/login.xhtml\n"));
        assertTrue(signed.message().contains("\nExpiration Time: "), signed.message());
        usedMessage = signed.message();
        usedSignature = signed.signature();
        browser.signOut();
    }

    @Test
    @Order(4)
    void anUnlinkedWalletAnotherKeysSignatureAndAReplayedMessageAreRefused() {
        assertNotNull(usedMessage, "signed by the previous journey");
        browser.open("/login.xhtml");
        useWallet(UNLINKED_KEY);
        browser.driver.findElement(By.id("walletSignIn")).click();
        signInBrowser(UNLINKED_KEY);
        assertTrue(browser.driver.getCurrentUrl().contains("/login.xhtml"));
        assertTrue(browser.text(By.id("login:messages")).contains("This wallet is not linked to a patient account"),
                browser.pageText());

        // The wallet claims the linked address, but another key signs: the recovered signer does not match.
        useWallet(LINKED_KEY);
        browser.driver.findElement(By.id("walletSignIn")).click();
        signInBrowser(UNLINKED_KEY);
        assertTrue(browser.text(By.id("login:messages"))
                .contains("The signature does not match the wallet address in the message"), browser.pageText());

        // The message and signature that signed the patient in, posted again through the page's own form.
        WebElement verify = browser.driver.findElement(By.id("wallet:verify"));
        browser.script("document.getElementById('wallet:message').value = arguments[0];"
                + "document.getElementById('wallet:signature').value = arguments[1];"
                + "document.getElementById('wallet:verify').click();", usedMessage, usedSignature);
        browser.waitForStale(verify);
        assertTrue(browser.driver.getCurrentUrl().contains("/login.xhtml"), "a replay signs nobody in");
        assertTrue(browser.text(By.id("login:messages")).contains("This signed message was already used"),
                browser.pageText());
        browser.screenshots("login-wallet-refused");
    }

    @Test
    @Order(5)
    void doctorTurnsOnTheSecondFactorAndSignInThenNeedsTheCode() {
        browser.signIn(DOCTOR, PASSWORD);
        browser.clickAndWaitForPage(By.id("navProfile"));
        browser.clickAndWaitForPage(By.id("secondFactor:begin"));
        totpSecret = browser.text(By.id("secondFactor:totpSecret"));
        String uri = browser.text(By.id("secondFactor:totpUri"));
        assertTrue(totpSecret.matches("[A-Z2-7]{32}"), "a 160-bit base32 key: " + totpSecret);
        assertTrue(uri.startsWith("otpauth://totp/") && uri.contains(":" + DOCTOR + "?secret=" + totpSecret + "&"),
                uri);
        assertTrue(uri.contains("algorithm=SHA1&digits=6&period=30"), uri);
        browser.screenshots("profile-second-factor");
        browser.type(By.id("secondFactor:confirmCode"), wrongCode(currentStep()));
        browser.clickAndWaitForPage(By.id("secondFactor:confirm"));
        assertTrue(browser.text(By.id("messages")).contains("The code is not correct"), browser.pageText());
        browser.type(By.id("secondFactor:confirmCode"), nextCode());
        browser.clickAndWaitForPage(By.id("secondFactor:confirm"));
        assertTrue(browser.text(By.id("messages")).contains("Second factor on"), browser.pageText());
        assertEquals("The second factor is on", browser.text(By.id("secondFactor:secondFactorOn")));
        browser.signOut();

        browser.signIn(DOCTOR, PASSWORD);
        assertTrue(browser.driver.getCurrentUrl().contains("/login.xhtml"), "the password alone does not sign in");
        assertTrue(browser.pageText().contains("enter the code your authenticator app shows"), browser.pageText());
        browser.screenshots("login-code");
        browser.type(By.id("code:otp"), wrongCode(currentStep()));
        browser.clickAndWaitForPage(By.id("code:submit"));
        assertTrue(browser.driver.getCurrentUrl().contains("/login.xhtml"));
        assertTrue(browser.text(By.id("code:messages")).contains("the code is not correct"), browser.pageText());
        String sessionBefore = browser.sessionCookie();
        String code = nextCode();
        browser.type(By.id("code:otp"), code);
        browser.clickAndWaitForPage(By.id("code:submit"));
        assertTrue(browser.driver.getCurrentUrl().endsWith("/app/doctor/patients.xhtml"), browser.pageText());
        assertNotEquals(sessionBefore, browser.sessionCookie(), "a new session id after the code");
        browser.signOut();

        browser.signIn(DOCTOR, PASSWORD);
        browser.type(By.id("code:otp"), code);
        browser.clickAndWaitForPage(By.id("code:submit"));
        assertTrue(browser.driver.getCurrentUrl().contains("/login.xhtml"), "a code signs in once");
        assertTrue(browser.text(By.id("code:messages")).contains("already used"), browser.pageText());
        browser.clickAndWaitForPage(By.id("code:startOver"));
        assertEquals(1, browser.driver.findElements(By.id("login:username")).size(), "back to the password step");
    }

    @Test
    @Order(6)
    void anIdleSessionWarnsThenEndsOnTheSignInPage() throws IOException {
        setServerProperty(IDLE_SETTING, Integer.toString(IDLE_SECONDS));
        try {
            browser.signIn(PATIENT, PASSWORD);
            assertTrue(browser.driver.getCurrentUrl().endsWith("/app/patient/records.xhtml"));
        } finally {
            removeServerProperty(IDLE_SETTING);
        }
        // A quarter of the idle time before the end (7 s of 28 s) the warning opens, counting down.
        WebDriverWait patient = new WebDriverWait(browser.driver, Duration.ofSeconds(IDLE_SECONDS));
        WebElement warning = patient.until(ExpectedConditions.visibilityOfElementLocated(By.id("sessionWarning")));
        assertTrue(warning.getText().contains("you will be signed out in"), warning.getText());
        browser.driver.findElement(By.id("sessionWarningForm:stay")).click();
        patient.until(ExpectedConditions.invisibilityOfElementLocated(By.id("sessionWarning")));
        browser.clickAndWaitForPage(By.id("navProfile"));
        assertTrue(browser.driver.getCurrentUrl().endsWith("/app/profile.xhtml"), "still signed in after staying");

        Instant idleFrom = Instant.now();
        patient.until(ExpectedConditions.visibilityOfElementLocated(By.id("sessionWarning")));
        new WebDriverWait(browser.driver, Duration.ofSeconds(IDLE_SECONDS))
                .until(ExpectedConditions.urlContains("/login.xhtml"));
        assertTrue(Duration.between(idleFrom, Instant.now()).toSeconds() >= IDLE_SECONDS - 2,
                "the session lasted its idle time");
        assertTrue(browser.text(By.id("login:messages")).contains("Your session ended after " + IDLE_SECONDS
                + " seconds without activity"), browser.pageText());
        assertTrue(browser.driver.findElements(By.id("session:logout")).isEmpty(), "nobody is shown signed in");
        browser.screenshots("login-session-ended");
        browser.open("/app/patient/records.xhtml");
        assertEquals(1, browser.driver.findElements(By.id("login:username")).size(),
                "the ended session opens no records");
    }

    private record Signed(String message, String signature) {
    }

    /** Waits for the page's personal_sign request, signs it with {@code key} and hands the signature back. */
    private static Signed signInBrowser(ECKeyPair key) {
        browser.waitFor(() -> browser.script("return window.__testWallet.pending !== null") == Boolean.TRUE);
        @SuppressWarnings("unchecked")
        Map<String, Object> request = (Map<String, Object>) browser.script(
                "return { data: window.__testWallet.pending.data, address: window.__testWallet.pending.address }");
        String data = (String) request.get("data");
        byte[] message = HexFormat.of().parseHex(data.substring(2));
        Sign.SignatureData signature = Sign.signPrefixedMessage(message, key);
        String hex = "0x" + HexFormat.of().formatHex(signature.getR()) + HexFormat.of().formatHex(signature.getS())
                + HexFormat.of().formatHex(signature.getV());
        WebElement body = browser.driver.findElement(By.tagName("body"));
        browser.script("var p = window.__testWallet.pending; window.__testWallet.pending = null; p.resolve(arguments[0]);",
                hex);
        browser.waitForStale(body);
        return new Signed(new String(message, StandardCharsets.UTF_8), hex);
    }

    private static void useWallet(ECKeyPair key) {
        browser.script("window.sessionStorage.setItem('testWalletAddress', arguments[0])", address(key));
    }

    private static String address(ECKeyPair key) {
        return Keys.toChecksumAddress(Keys.getAddress(key));
    }

    private static ECKeyPair newKey() {
        try {
            return Keys.createEcKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long currentStep() {
        return Instant.now().getEpochSecond() / 30;
    }

    /** A code for a step after the last one used and within one step of now, as a second device would show. */
    private static String nextCode() {
        long step = Math.max(currentStep(), lastCodeStep + 1);
        lastCodeStep = step;
        return totp(base32Decode(totpSecret), step);
    }

    private static String wrongCode(long step) {
        byte[] secret = base32Decode(totpSecret);
        List<String> valid = List.of(totp(secret, step - 1), totp(secret, step), totp(secret, step + 1));
        for (int candidate = 0; ; candidate++) {
            String code = String.format("%06d", (Integer.parseInt(totp(secret, step)) + 500_000 + candidate) % 1_000_000);
            if (!valid.contains(code)) {
                return code;
            }
        }
    }

    /** RFC 6238 TOTP, HMAC-SHA1, 6 digits: this test's own, written apart from the server's. */
    private static String totp(byte[] key, long step) {
        try {
            Mac hmac = Mac.getInstance("HmacSHA1");
            hmac.init(new SecretKeySpec(key, "HmacSHA1"));
            byte[] digest = hmac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
            int at = digest[19] & 0xf;
            int truncated = new BigInteger(1, new byte[] {(byte) (digest[at] & 0x7f), digest[at + 1], digest[at + 2],
                    digest[at + 3]}).intValue();
            return String.format("%06d", truncated % 1_000_000);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] base32Decode(String text) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        ByteBuffer out = ByteBuffer.allocate(text.length() * 5 / 8);
        long bits = 0;
        int count = 0;
        for (char c : text.toCharArray()) {
            bits = (bits << 5) | alphabet.indexOf(c);
            count += 5;
            if (count >= 8) {
                out.put((byte) (bits >> (count - 8)));
                count -= 8;
            }
        }
        return out.array();
    }

    /** An operator's change of a server setting at runtime, through WildFly's management API. */
    private static void setServerProperty(String name, String value) throws IOException {
        ModelNode add = new ModelNode();
        add.get("operation").set("add");
        add.get("address").add("system-property", name);
        add.get("value").set(value);
        execute(add);
    }

    private static void removeServerProperty(String name) throws IOException {
        ModelNode remove = new ModelNode();
        remove.get("operation").set("remove");
        remove.get("address").add("system-property", name);
        execute(remove);
    }

    private static void execute(ModelNode operation) throws IOException {
        try (ModelControllerClient client = ModelControllerClient.Factory.create("127.0.0.1",
                Integer.getInteger("medledger.it.management-port"))) {
            ModelNode result = client.execute(operation);
            assertEquals("success", result.get("outcome").asString(), result.toString());
        }
    }
}
