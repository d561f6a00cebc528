package org.medledger.infrastructure.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The default key store: one PKCS#12 file, protected by a password from configuration, holding
 * <ul>
 *   <li>the KEK versions under aliases {@code kek-v1}, {@code kek-v2}, …; the highest version is current;</li>
 *   <li>the blind-index HMAC key ({@code blind-index-v1});</li>
 *   <li>the research pseudonym HMAC key ({@code research-pseudonym-v1});</li>
 *   <li>the consortium pseudonym salt ({@code pseudonym-salt}).</li>
 * </ul>
 * Nothing is written until a key is first needed; each key is created with {@link SecureRandom} on first use.
 * Every change is written to a temporary file in the same directory and moved over the old one atomically, with
 * owner-only permissions ({@code rw-------}) where the file system has POSIX permissions.
 *
 * <p>Thread-safe within one JVM. Several processes must not share one file: each hospital server owns its own.
 */
public final class Pkcs12KeyEncryptionKeys implements KeyEncryptionKeys {

    public static final String BLIND_INDEX_ALIAS = "blind-index-v1";
    public static final String PSEUDONYM_SALT_ALIAS = "pseudonym-salt";
    public static final String RESEARCH_ALIAS = "research-pseudonym-v1";
    private static final String KEK_ALIAS_PREFIX = "kek-";
    private static final Pattern KEK_VERSION = Pattern.compile("v([1-9][0-9]{0,8})");
    private static final int SECRET_BYTES = 32;
    private static final int MIN_SALT_BYTES = 16;
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final Path file;
    private final char[] password;
    private final SecureRandom random;

    // Guarded by this. Keys are cached after the first read: each PKCS#12 read runs a password-based KDF.
    private KeyStore store;
    private final Map<String, SecretKey> cache = new HashMap<>();

    public Pkcs12KeyEncryptionKeys(Path file, char[] password) {
        this(file, password, new SecureRandom());
    }

    public Pkcs12KeyEncryptionKeys(Path file, char[] password, SecureRandom random) {
        this.file = Objects.requireNonNull(file, "file").toAbsolutePath();
        this.password = Objects.requireNonNull(password, "password").clone();
        this.random = Objects.requireNonNull(random, "random");
        if (password.length == 0) {
            throw new IllegalArgumentException("The key store password must not be empty");
        }
    }

    public Path file() {
        return file;
    }

    @Override
    public synchronized Kek current() {
        TreeMap<Integer, String> held = kekVersions();
        if (held.isEmpty()) {
            return createKek(1);
        }
        String version = held.lastEntry().getValue();
        return new Kek(version, read(KEK_ALIAS_PREFIX + version));
    }

    @Override
    public synchronized Optional<Kek> byVersion(String version) {
        Objects.requireNonNull(version, "version");
        if (!KEK_VERSION.matcher(version).matches() || !kekVersions().containsValue(version)) {
            return Optional.empty();
        }
        return Optional.of(new Kek(version, read(KEK_ALIAS_PREFIX + version)));
    }

    @Override
    public synchronized Kek rotate() {
        TreeMap<Integer, String> held = kekVersions();
        return createKek(held.isEmpty() ? 1 : held.lastKey() + 1);
    }

    @Override
    public synchronized void retire(String version) {
        TreeMap<Integer, String> held = kekVersions();
        if (!held.containsValue(version)) {
            throw new IllegalArgumentException("No key-encryption key " + version + " to retire");
        }
        if (version.equals(held.lastEntry().getValue())) {
            throw new IllegalStateException("The current key-encryption key " + version + " cannot be retired");
        }
        try {
            store().deleteEntry(KEK_ALIAS_PREFIX + version);
        } catch (GeneralSecurityException e) {
            throw unavailable("retire " + version, e);
        }
        cache.remove(KEK_ALIAS_PREFIX + version);
        save();
    }

    @Override
    public synchronized List<String> versions() {
        return List.copyOf(kekVersions().values());
    }

    /** The HMAC-SHA256 key for blind indexes; created on first use. It never leaves this hospital. */
    public synchronized SecretKey blindIndexKey() {
        if (!contains(BLIND_INDEX_ALIAS)) {
            put(BLIND_INDEX_ALIAS, new SecretKeySpec(randomBytes(), "HmacSHA256"));
            save();
        }
        return read(BLIND_INDEX_ALIAS);
    }

    /** The HMAC-SHA256 key for research pseudonyms and date shifts; created on first use. It never leaves this hospital. */
    public synchronized SecretKey researchKey() {
        if (!contains(RESEARCH_ALIAS)) {
            put(RESEARCH_ALIAS, new SecretKeySpec(randomBytes(), "HmacSHA256"));
            save();
        }
        return read(RESEARCH_ALIAS);
    }

    /**
     * The consortium pseudonym salt. Every member must hold the same salt for pseudonyms to match across hospitals:
     * the first member creates it here on first use; the others {@link #installPseudonymSalt install} that value
     * before computing any pseudonym.
     */
    public synchronized byte[] pseudonymSalt() {
        if (!contains(PSEUDONYM_SALT_ALIAS)) {
            put(PSEUDONYM_SALT_ALIAS, new SecretKeySpec(randomBytes(), "HmacSHA256"));
            save();
        }
        return read(PSEUDONYM_SALT_ALIAS).getEncoded();
    }

    /**
     * Stores the consortium's salt received from another member. Installing the salt already held is a no-op;
     * replacing a different one is refused, since every pseudonym already published was computed with it.
     */
    public synchronized void installPseudonymSalt(byte[] salt) {
        Objects.requireNonNull(salt, "salt");
        if (salt.length < MIN_SALT_BYTES) {
            throw new IllegalArgumentException("A pseudonym salt must be at least " + MIN_SALT_BYTES + " bytes");
        }
        if (contains(PSEUDONYM_SALT_ALIAS)) {
            byte[] held = read(PSEUDONYM_SALT_ALIAS).getEncoded();
            try {
                if (!MessageDigest.isEqual(held, salt)) {
                    throw new IllegalStateException("A different consortium pseudonym salt is already installed in "
                            + file + "; refusing to replace it");
                }
                return;
            } finally {
                Arrays.fill(held, (byte) 0);
            }
        }
        put(PSEUDONYM_SALT_ALIAS, new SecretKeySpec(salt, "HmacSHA256"));
        save();
    }

    private Kek createKek(int number) {
        String version = "v" + number;
        SecretKey key = new SecretKeySpec(randomBytes(), "AES");
        put(KEK_ALIAS_PREFIX + version, key);
        save();
        return new Kek(version, key);
    }

    /** KEK versions held, by number, so that v10 sorts after v9. */
    private TreeMap<Integer, String> kekVersions() {
        TreeMap<Integer, String> versions = new TreeMap<>();
        try {
            for (String alias : Collections.list(store().aliases())) {
                if (alias.startsWith(KEK_ALIAS_PREFIX)) {
                    Matcher m = KEK_VERSION.matcher(alias.substring(KEK_ALIAS_PREFIX.length()));
                    if (m.matches()) {
                        versions.put(Integer.parseInt(m.group(1)), m.group());
                    }
                }
            }
        } catch (GeneralSecurityException e) {
            throw unavailable("list the entries of", e);
        }
        return versions;
    }

    private boolean contains(String alias) {
        try {
            return store().containsAlias(alias);
        } catch (GeneralSecurityException e) {
            throw unavailable("read", e);
        }
    }

    private SecretKey read(String alias) {
        SecretKey cached = cache.get(alias);
        if (cached != null) {
            return cached;
        }
        try {
            KeyStore.Entry entry = store().getEntry(alias, new KeyStore.PasswordProtection(password));
            if (!(entry instanceof KeyStore.SecretKeyEntry)) {
                throw new KeyStoreUnavailableException("Entry " + alias + " in " + file + " is not a secret key", null);
            }
            SecretKey key = ((KeyStore.SecretKeyEntry) entry).getSecretKey();
            cache.put(alias, key);
            return key;
        } catch (GeneralSecurityException e) {
            throw unavailable("read entry " + alias + " of", e);
        }
    }

    private void put(String alias, SecretKey key) {
        try {
            store().setEntry(alias, new KeyStore.SecretKeyEntry(key), new KeyStore.PasswordProtection(password));
            cache.put(alias, key);
        } catch (GeneralSecurityException e) {
            throw unavailable("add entry " + alias + " to", e);
        }
    }

    private KeyStore store() throws GeneralSecurityException {
        if (store == null) {
            KeyStore loaded = KeyStore.getInstance("PKCS12");
            if (Files.exists(file)) {
                try (InputStream in = Files.newInputStream(file)) {
                    loaded.load(in, password);
                } catch (IOException e) {
                    throw new KeyStoreUnavailableException("Cannot open the key store " + file
                            + ": wrong password, or the file is damaged", e);
                }
            } else {
                try {
                    loaded.load(null, null);
                } catch (IOException e) {
                    throw new KeyStoreUnavailableException("Cannot create an empty PKCS#12 key store", e);
                }
            }
            store = loaded;
        }
        return store;
    }

    // Temp file beside the target, forced to disk, then moved over it: a crash leaves the old or the new file whole.
    private void save() {
        Path temp = null;
        try {
            Path dir = file.getParent();
            Files.createDirectories(dir);
            boolean posix = Files.getFileStore(dir).supportsFileAttributeView(PosixFileAttributeView.class);
            String prefix = "." + file.getFileName() + ".";
            temp = posix
                    ? Files.createTempFile(dir, prefix, ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY))
                    : Files.createTempFile(dir, prefix, ".tmp");
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE);
                 OutputStream out = Channels.newOutputStream(channel)) {
                store().store(out, password);
                out.flush();
                channel.force(true);
            }
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            temp = null;
            if (posix) {
                Files.setPosixFilePermissions(file, OWNER_ONLY);
            }
        } catch (IOException | GeneralSecurityException e) {
            // The in-memory store may now hold an entry the file lacks; reload from disk on next use.
            store = null;
            cache.clear();
            throw unavailable("write", e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // best effort: a stray temp file is harmless, it holds only password-protected entries
                }
            }
        }
    }

    private byte[] randomBytes() {
        byte[] bytes = new byte[SECRET_BYTES];
        random.nextBytes(bytes);
        return bytes;
    }

    private KeyStoreUnavailableException unavailable(String action, Exception cause) {
        return new KeyStoreUnavailableException("Cannot " + action + " the key store " + file, cause);
    }

    /** Names the file only; no aliases, no key material. */
    @Override
    public String toString() {
        return "Pkcs12KeyEncryptionKeys[" + file + "]";
    }
}
