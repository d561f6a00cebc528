package org.medledger.besunetwork;

import java.nio.file.Path;

/** The output directory already holds files and {@code --force} was not given; keys would be lost. */
public class NetworkDirectoryNotEmptyException extends RuntimeException {

    public NetworkDirectoryNotEmptyException(Path directory) {
        super("Refusing to overwrite " + directory.toAbsolutePath()
                + ": it is not empty and may hold node keys. Use another --out, or --force to replace it.");
    }
}
