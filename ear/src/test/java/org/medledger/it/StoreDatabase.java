package org.medledger.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Direct access to the running server's H2 database (opened with AUTO_SERVER), to play the attacker
 * or the auditor who bypasses the application.
 */
final class StoreDatabase implements AutoCloseable {

    private final Connection connection;

    StoreDatabase() throws SQLException {
        String dataDir = System.getProperty("medledger.it.data-dir");
        connection = DriverManager.getConnection("jdbc:h2:file:" + dataDir
                + "/db/medledger;AUTO_SERVER=TRUE", "sa", "sa");
    }

    byte[] bytes(String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = prepare(sql, parameters); ResultSet rs = statement.executeQuery()) {
            if (!rs.next()) {
                throw new AssertionError("no row for " + sql);
            }
            return rs.getBytes(1);
        }
    }

    long number(String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = prepare(sql, parameters); ResultSet rs = statement.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    int update(String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = prepare(sql, parameters)) {
            return statement.executeUpdate();
        }
    }

    private PreparedStatement prepare(String sql, Object... parameters) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
        return statement;
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
