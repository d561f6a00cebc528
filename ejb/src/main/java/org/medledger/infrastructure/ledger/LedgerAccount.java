package org.medledger.infrastructure.ledger;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.web3j.crypto.exception.CipherException;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Wallet;
import org.web3j.crypto.WalletFile;
import org.web3j.crypto.WalletUtils;

/**
 * The hospital's signing account on the chain: an Ethereum V3 key file (scrypt-encrypted with the
 * key-store password), created on first start when none exists.
 */
final class LedgerAccount {

    private LedgerAccount() {
    }

    static Credentials loadOrCreate(Path walletFile, char[] password) {
        try {
            if (!Files.exists(walletFile)) {
                Files.createDirectories(walletFile.getParent());
                ECKeyPair keyPair = Keys.createEcKeyPair();
                WalletFile wallet = Wallet.createLight(new String(password), keyPair);
                Path temp = Files.createTempFile(walletFile.getParent(), "wallet", ".tmp");
                new ObjectMapper().writeValue(temp.toFile(), wallet);
                restrictToOwner(temp);
                Files.move(temp, walletFile, StandardCopyOption.ATOMIC_MOVE);
            }
            return WalletUtils.loadCredentials(new String(password), walletFile.toFile());
        } catch (IOException | CipherException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException("Cannot open the ledger account key file " + walletFile
                    + ": " + e.getMessage(), e);
        }
    }

    private static void restrictToOwner(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // Non-POSIX file systems rely on the directory's ACLs.
        }
    }
}
