package org.medledger.besunetwork;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeygenCommandTest {

    @TempDir
    Path tmp;

    @Test
    void writesAnOwnerOnlyKeyWhoseAddressAndEnodeMatchIt() throws Exception {
        Path dir = tmp.resolve("hospital5-node1");
        Cli cli = Cli.run("keygen", "--out", dir.toString(), "--host", "10.5.0.1", "--p2p-port", "30310");
        assertEquals(0, cli.exitCode(), cli.err());
        NodeKey key = NodeKey.fromPrivateKey(Files.readString(dir.resolve("key")));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("key"))));
        assertEquals(key.address(), Files.readString(dir.resolve("address")).strip());
        assertEquals(key.enodeUrl("10.5.0.1", 30310), Files.readString(dir.resolve("enode")).strip());
        assertTrue(cli.out().contains(key.address()));
    }

    @Test
    void neverReplacesAnExistingKey() throws Exception {
        Path dir = tmp.resolve("node");
        assertEquals(0, Cli.run("keygen", "--out", dir.toString()).exitCode());
        String before = Files.readString(dir.resolve("key"));
        Cli again = Cli.run("keygen", "--out", dir.toString());
        assertEquals(BesuNetworkCli.EXIT_REFUSED, again.exitCode());
        assertTrue(again.err().contains("Refusing to replace the node key"), again.err());
        assertEquals(before, Files.readString(dir.resolve("key")));
    }
}
