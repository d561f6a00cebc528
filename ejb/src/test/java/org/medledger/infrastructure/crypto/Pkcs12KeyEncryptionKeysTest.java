package org.medledger.infrastructure.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Pkcs12KeyEncryptionKeysTest {

    private static final char[] PASSWORD = "test-only-keystore-password".toCharArray();
    private static final byte[] AAD = "Patient/p-1/_history/3".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    private Pkcs12KeyEncryptionKeys open() {
        return new Pkcs12KeyEncryptionKeys(dir.resolve("keys/medledger.p12"), PASSWORD);
    }

    @Test
    void fileIsCreatedOnFirstUseWithVersionOneCurrent() {
        Pkcs12KeyEncryptionKeys keys = open();
        assertFalse(Files.exists(keys.file()));
        assertEquals(List.of(), keys.versions());
        assertEquals(Optional.empty(), keys.byVersion("v1"));
        assertFalse(Files.exists(keys.file()), "looking up must not create the file");

        Kek current = keys.current();
        assertEquals("v1", current.version());
        assertEquals(32, current.key().getEncoded().length);
        assertTrue(Files.exists(keys.file()));
        assertEquals(List.of("v1"), keys.versions());
        assertEquals(current, keys.current());
    }

    @Test
    void fileIsOwnerReadWriteOnlyAndNoTemporaryFileIsLeft() throws IOException {
        Pkcs12KeyEncryptionKeys keys = open();
        keys.current();
        keys.rotate();
        assumeTrue(Files.getFileStore(keys.file()).supportsFileAttributeView(PosixFileAttributeView.class));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keys.file())));
        try (Stream<Path> files = Files.list(keys.file().getParent())) {
            assertEquals(List.of(keys.file()), files.toList());
        }
    }

    @Test
    void reopenedFromFileYieldsTheSameKeys() {
        Pkcs12KeyEncryptionKeys first = open();
        Kek v1 = first.current();
        Kek v2 = first.rotate();
        byte[] blindKey = first.blindIndexKey().getEncoded();
        byte[] salt = first.pseudonymSalt();

        Pkcs12KeyEncryptionKeys reopened = open();
        assertEquals(List.of("v1", "v2"), reopened.versions());
        assertEquals("v2", reopened.current().version());
        assertArrayEquals(v1.key().getEncoded(), reopened.byVersion("v1").orElseThrow().key().getEncoded());
        assertArrayEquals(v2.key().getEncoded(), reopened.current().key().getEncoded());
        assertArrayEquals(blindKey, reopened.blindIndexKey().getEncoded());
        assertArrayEquals(salt, reopened.pseudonymSalt());
    }

    @Test
    void rotationMakesTheNewVersionCurrentAndOldPayloadsStillOpenAfterRewrap() {
        Pkcs12KeyEncryptionKeys keys = open();
        EnvelopeCipher cipher = new EnvelopeCipher();
        byte[] plaintext = "{\"resourceType\":\"Patient\",\"id\":\"p-1\"}".getBytes(StandardCharsets.UTF_8);
        SealedPayload underV1 = cipher.seal(plaintext, AAD, keys.current());

        Kek v2 = keys.rotate();
        assertEquals("v2", v2.version());
        assertEquals(v2, keys.current());
        assertNotEquals(keys.byVersion("v1").orElseThrow().key(), v2.key());

        // Unrotated payloads still open with their own version...
        Kek v1 = keys.byVersion(underV1.kekVersion()).orElseThrow();
        assertArrayEquals(plaintext, cipher.open(underV1, AAD, v1));
        // ...and a rewrapped one opens with the current KEK, from a freshly opened store too.
        SealedPayload rewrapped = underV1.withWrappedDataKey(
                cipher.rewrap(underV1.wrappedDataKey(), v1, keys.current()), keys.current().version());
        Kek reread = open().byVersion(rewrapped.kekVersion()).orElseThrow();
        assertArrayEquals(plaintext, cipher.open(rewrapped, AAD, reread));
    }

    @Test
    void versionsSortNumericallyPastNine() {
        Pkcs12KeyEncryptionKeys keys = open();
        for (int i = 0; i < 11; i++) {
            keys.rotate();
        }
        assertEquals("v11", keys.current().version());
        assertEquals("v11", open().current().version());
        assertEquals(List.of("v1", "v2", "v3", "v4", "v5", "v6", "v7", "v8", "v9", "v10", "v11"), open().versions());
    }

    @Test
    void wrongPasswordIsReportedWithoutRevealingIt() {
        open().current();
        Pkcs12KeyEncryptionKeys wrong = new Pkcs12KeyEncryptionKeys(dir.resolve("keys/medledger.p12"),
                "not-the-password".toCharArray());
        KeyStoreUnavailableException e = assertThrows(KeyStoreUnavailableException.class, wrong::current);
        assertFalse(e.getMessage().contains("not-the-password"));
        assertTrue(e.getMessage().contains("medledger.p12"), e.getMessage());
    }

    @Test
    void blindIndexKeyAndSaltAreDistinctSecretsCreatedOnce() {
        Pkcs12KeyEncryptionKeys keys = open();
        byte[] blindKey = keys.blindIndexKey().getEncoded();
        byte[] salt = keys.pseudonymSalt();
        assertEquals(32, blindKey.length);
        assertEquals(32, salt.length);
        assertFalse(Arrays.equals(blindKey, salt));
        assertArrayEquals(blindKey, keys.blindIndexKey().getEncoded());
        assertArrayEquals(salt, keys.pseudonymSalt());
        assertEquals(List.of(), keys.versions(), "secrets for indexing do not count as KEK versions");
    }

    @Test
    void consortiumSaltFromAnotherMemberIsInstalledButNeverReplaced() {
        byte[] consortiumSalt = new byte[32];
        new SecureRandom().nextBytes(consortiumSalt);
        Pkcs12KeyEncryptionKeys keys = open();
        keys.installPseudonymSalt(consortiumSalt);
        keys.installPseudonymSalt(consortiumSalt.clone());
        assertArrayEquals(consortiumSalt, open().pseudonymSalt());
        byte[] other = consortiumSalt.clone();
        other[0] ^= 1;
        assertThrows(IllegalStateException.class, () -> open().installPseudonymSalt(other));
        assertArrayEquals(consortiumSalt, open().pseudonymSalt());
    }

    @Test
    void concurrentRotationsEachCreateADistinctVersion() throws Exception {
        Pkcs12KeyEncryptionKeys keys = open();
        keys.current();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Kek>> rotations = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                rotations.add(pool.submit(keys::rotate));
                pool.submit(keys::current);
            }
            List<String> created = new ArrayList<>();
            for (Future<Kek> f : rotations) {
                created.add(f.get().version());
            }
            assertEquals(8, created.stream().distinct().count());
        } finally {
            pool.shutdownNow();
        }
        assertEquals(9, open().versions().size());
    }
}
