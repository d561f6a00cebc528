package org.medledger.infrastructure.persistence;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Applies the versioned SQL migrations listed in {@code db/migration/index.txt} before any
 * other bean touches the database. Each applied file is recorded with its checksum; a changed
 * applied file stops the start-up rather than silently diverging.
 */
@Singleton
@Startup
@TransactionManagement(TransactionManagementType.BEAN)
public class SchemaMigrations {

    private static final Logger LOG = Logger.getLogger(SchemaMigrations.class.getName());
    private static final String INDEX = "db/migration/index.txt";

    @Resource(lookup = "java:jboss/datasources/MedLedgerDS")
    private DataSource dataSource;

    @PostConstruct
    void migrate() {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE IF NOT EXISTS schema_version ("
                        + "version VARCHAR(128) PRIMARY KEY, checksum VARCHAR(64) NOT NULL, "
                        + "applied_at TIMESTAMP WITH TIME ZONE NOT NULL)");
            }
            connection.commit();
            for (String file : listed()) {
                apply(connection, file);
            }
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("Schema migration failed: " + e.getMessage(), e);
        }
    }

    private void apply(Connection connection, String file) throws SQLException, IOException {
        String sql = read("db/migration/" + file);
        String checksum = sha256(sql);
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT checksum FROM schema_version WHERE version = ?")) {
            query.setString(1, file);
            try (ResultSet rs = query.executeQuery()) {
                if (rs.next()) {
                    if (!rs.getString(1).equals(checksum)) {
                        throw new IllegalStateException("Applied migration " + file
                                + " was modified after it ran; add a new migration instead");
                    }
                    return;
                }
            }
        }
        try (Statement statement = connection.createStatement()) {
            for (String command : statements(sql)) {
                statement.execute(command);
            }
            try (PreparedStatement record = connection.prepareStatement(
                    "INSERT INTO schema_version (version, checksum, applied_at) VALUES (?, ?, ?)")) {
                record.setString(1, file);
                record.setString(2, checksum);
                record.setTimestamp(3, Timestamp.from(Instant.now()));
                record.executeUpdate();
            }
            connection.commit();
            LOG.info(() -> "Applied schema migration " + file);
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        }
    }

    static List<String> statements(String sql) {
        StringBuilder withoutComments = new StringBuilder();
        for (String line : sql.split("\n")) {
            String trimmed = line.strip();
            if (!trimmed.startsWith("--")) {
                withoutComments.append(line).append('\n');
            }
        }
        List<String> commands = new ArrayList<>();
        for (String part : withoutComments.toString().split(";\\s*\n")) {
            String command = part.strip();
            if (command.endsWith(";")) {
                command = command.substring(0, command.length() - 1);
            }
            if (!command.isEmpty()) {
                commands.add(command);
            }
        }
        return commands;
    }

    private static List<String> listed() throws IOException {
        List<String> files = new ArrayList<>();
        for (String line : read(INDEX).split("\n")) {
            String name = line.strip();
            if (!name.isEmpty() && !name.startsWith("#")) {
                files.add(name);
            }
        }
        return files;
    }

    private static String read(String resource) throws IOException {
        try (InputStream in = SchemaMigrations.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("Missing migration resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
