package org.medledger.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Direct access to the running server's database (H2 opened with AUTO_SERVER, or the test run's PostgreSQL), to
 * play the attacker or the auditor who bypasses the application.
 */
final class StoreDatabase implements AutoCloseable {

    private final Connection connection;

    StoreDatabase() throws SQLException {
        connection = DriverManager.getConnection(System.getProperty("medledger.it.db.url"),
                System.getProperty("medledger.it.db.user"), System.getProperty("medledger.it.db.password"));
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
