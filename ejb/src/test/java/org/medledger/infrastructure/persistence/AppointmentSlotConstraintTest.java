package org.medledger.infrastructure.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The database, not the application, keeps a doctor's slot to one live appointment (V12's unique constraint). */
class AppointmentSlotConstraintTest {

    private static final OffsetDateTime NINE = OffsetDateTime.parse("2026-12-07T09:00:00Z");
    private String url;

    @BeforeEach
    void migrate() throws Exception {
        url = "jdbc:h2:mem:slots" + System.nanoTime() + ";DB_CLOSE_DELAY=-1";
        try (Connection connection = DriverManager.getConnection(url);
             Statement statement = connection.createStatement()) {
            for (String file : read("db/migration/index.txt").lines().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList()) {
                for (String command : SchemaMigrations.statements(read("db/migration/" + file))) {
                    statement.execute(command);
                }
            }
        }
    }

    @Test
    void aSecondLiveAppointmentAtTheSameTimeIsRefusedButACancelledOneFreesTheSlot() throws Exception {
        try (Connection connection = DriverManager.getConnection(url)) {
            book(connection, "a1", "PENDING", NINE);
            SQLException refused = assertThrows(SQLException.class, () -> book(connection, "a2", "PENDING", NINE));
            assertTrue(refused.getMessage().toLowerCase().contains("uq_appointment_slot"), refused.getMessage());

            try (Statement cancel = connection.createStatement()) {
                cancel.executeUpdate("UPDATE appointment_booking SET status = 'CANCELLED', held_start = NULL "
                        + "WHERE appointment_id = 'a1'");
            }
            book(connection, "a3", "PENDING", NINE);
            book(connection, "a4", "CANCELLED", null);
            assertEquals(3, count(connection));
        }
    }

    @Test
    void ofTwoConcurrentBookingsOfOneSlotExactlyOneCommits() throws Exception {
        ExecutorService other = Executors.newSingleThreadExecutor();
        try (Connection first = DriverManager.getConnection(url);
             Connection second = DriverManager.getConnection(url)) {
            first.setAutoCommit(false);
            second.setAutoCommit(false);
            book(first, "a1", "PENDING", NINE);
            Future<Void> racing = other.submit(() -> {
                book(second, "a2", "PENDING", NINE);
                second.commit();
                return null;
            });
            Thread.sleep(200);
            first.commit();
            ExecutionException lost = assertThrows(ExecutionException.class, racing::get);
            assertInstanceOf(SQLException.class, lost.getCause());
            second.rollback();
            assertEquals(1, count(first));
        } finally {
            other.shutdownNow();
        }
    }

    private static void book(Connection connection, String id, String status, OffsetDateTime held)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO appointment_booking "
                + "(appointment_id, doctor_username, patient_id, starts_at, ends_at, status, held_start, updated_at) "
                + "VALUES (?, 'doc', 'p1', ?, ?, ?, ?, ?)")) {
            insert.setString(1, id);
            insert.setObject(2, NINE);
            insert.setObject(3, NINE.plusMinutes(30));
            insert.setString(4, status);
            insert.setObject(5, held);
            insert.setObject(6, NINE.minusDays(1));
            insert.executeUpdate();
        }
    }

    private static long count(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM appointment_booking")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String read(String resource) throws Exception {
        try (InputStream in = AppointmentSlotConstraintTest.class.getClassLoader().getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
