package org.medledger.infrastructure.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SchemaMigrationsTest {

    @Test
    void splitsScriptsIntoStatementsWithoutComments() {
        List<String> statements = SchemaMigrations.statements("""
                -- a comment; with a semicolon
                CREATE TABLE a (id INT);
                CREATE TABLE b (
                    id INT -- trailing
                );
                """);
        assertEquals(2, statements.size());
        assertTrue(statements.get(0).startsWith("CREATE TABLE a"));
        assertTrue(statements.get(1).startsWith("CREATE TABLE b"));
    }

    @Test
    void everyListedMigrationRunsOnTheH2VersionWildFlyShips() throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:h2:mem:migrations;DB_CLOSE_DELAY=-1");
             Statement statement = connection.createStatement()) {
            for (String file : listed()) {
                for (String command : SchemaMigrations.statements(read("db/migration/" + file))) {
                    statement.execute(command);
                }
            }
            Set<String> tables = new HashSet<>();
            try (ResultSet rs = connection.getMetaData().getTables(null, null, "%", new String[]{"TABLE"})) {
                while (rs.next()) {
                    tables.add(rs.getString("TABLE_NAME").toLowerCase());
                }
            }
            assertTrue(tables.containsAll(Set.of("record_version", "anchor_leaf", "anchor_batch", "user_account",
                    "deployed_contract")), "tables: " + tables);
        }
    }

    private static List<String> listed() throws Exception {
        return read("db/migration/index.txt").lines().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }

    private static String read(String resource) throws Exception {
        try (InputStream in = SchemaMigrationsTest.class.getClassLoader().getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
