package org.medledger.infrastructure.blob;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.UUID;
import org.medledger.domain.model.blob.BlobAddress;
import org.medledger.domain.model.blob.BlobNotFoundException;
import org.medledger.domain.model.blob.BlobStore;

/**
 * Blobs as files in a local directory, named {@code sha256-<hex>} after the SHA-256 of the ciphertext they hold and
 * spread over 256 sub-directories by the first two hex digits. The address is of the ciphertext, not the plaintext:
 * a file name then reveals nothing about the document (no one can confirm a guessed document by hashing it), every
 * file can be checked against its own name without any key, and the same address scheme works for any store.
 *
 * <p>A write goes to a temporary file in {@code .incoming/} on the same file system, is forced to disk, renamed into
 * place atomically, and the directory entry is forced too: after a crash a blob is either complete or absent.
 * Leftover temporary files are removed at start-up.
 */
public final class LocalDirectoryBlobStore implements BlobStore {

    private static final String PREFIX = "sha256-";
    private static final int BUFFER_BYTES = 64 * 1024;

    private final Path root;
    private final Path incoming;

    public LocalDirectoryBlobStore(Path root) throws IOException {
        this.root = Objects.requireNonNull(root, "root").toAbsolutePath();
        this.incoming = this.root.resolve(".incoming");
        Files.createDirectories(incoming);
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(incoming)) {
            for (Path leftover : leftovers) {
                Files.deleteIfExists(leftover);
            }
        }
    }

    public Path root() {
        return root;
    }

    @Override
    public BlobAddress put(BlobWriter writer) throws IOException {
        Objects.requireNonNull(writer, "writer");
        Path temp = incoming.resolve(UUID.randomUUID() + ".part");
        boolean moved = false;
        try {
            MessageDigest sha256 = sha256();
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                DigestOutputStream out = new DigestOutputStream(new BufferedOutputStream(
                        Channels.newOutputStream(channel), BUFFER_BYTES), sha256);
                writer.writeTo(new FlushOnClose(out));
                out.flush();
                channel.force(true);
            }
            BlobAddress address = new BlobAddress(PREFIX + HexFormat.of().formatHex(sha256.digest()));
            Path target = pathOf(address);
            Files.createDirectories(target.getParent());
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException e) {
                // The same ciphertext is already stored; content addressing makes the copies interchangeable.
                return address;
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("The blob directory " + root + " does not support atomic renames", e);
            }
            moved = true;
            forceDirectory(target.getParent());
            return address;
        } finally {
            if (!moved) {
                Files.deleteIfExists(temp);
            }
        }
    }

    @Override
    public InputStream open(BlobAddress address) throws IOException {
        try {
            return Files.newInputStream(pathOf(address));
        } catch (NoSuchFileException e) {
            throw new BlobNotFoundException(address);
        }
    }

    @Override
    public boolean contains(BlobAddress address) {
        return Files.isRegularFile(pathOf(address));
    }

    @Override
    public void delete(BlobAddress address) throws IOException {
        Files.deleteIfExists(pathOf(address));
    }

    /** The file of a blob: {@code <root>/<first two hex digits>/sha256-<hex>}. */
    public Path pathOf(BlobAddress address) {
        String value = address.value();
        if (!value.startsWith(PREFIX) || value.length() != PREFIX.length() + 64) {
            throw new IllegalArgumentException("Not an address of the local blob store: " + value);
        }
        return root.resolve(value.substring(PREFIX.length(), PREFIX.length() + 2)).resolve(value);
    }

    private static void forceDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some platforms cannot open a directory for syncing; the rename itself is still atomic there.
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** Lets the writer close its stream chain without closing the file before it is forced to disk. */
    private static final class FlushOnClose extends FilterOutputStream {

        FlushOnClose(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] buffer, int offset, int length) throws IOException {
            out.write(buffer, offset, length);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
