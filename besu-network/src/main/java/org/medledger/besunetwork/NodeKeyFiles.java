package org.medledger.besunetwork;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** The four files that describe a node's identity: key (mode 600), key.pub, address, enode. */
final class NodeKeyFiles {

    private NodeKeyFiles() {
    }

    /** Writes the files into {@code dir}; never replaces an existing key. */
    static void write(Path dir, NodeKey key, String enodeUrl) throws IOException {
        Files.createDirectories(dir);
        Path keyFile = dir.resolve("key");
        if (Files.exists(keyFile)) {
            throw new FileAlreadyExistsException(keyFile.toString(), null, "a node key is already there");
        }
        Files.createFile(keyFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(keyFile, key.privateKeyHex(), StandardCharsets.US_ASCII);
        Files.writeString(dir.resolve("key.pub"), key.publicKeyHex(), StandardCharsets.US_ASCII);
        Files.writeString(dir.resolve("address"), key.address() + "\n", StandardCharsets.US_ASCII);
        Files.writeString(dir.resolve("enode"), enodeUrl + "\n", StandardCharsets.US_ASCII);
    }
}
