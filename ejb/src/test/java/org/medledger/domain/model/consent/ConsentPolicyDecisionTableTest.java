package org.medledger.domain.model.consent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Every row of {@code consent/decision-table.md} against {@link ConsentPolicy}: zero mismatches. */
class ConsentPolicyDecisionTableTest {

    private static final long NOW = 1_800_000_000L;
    private static final long HOUR = 3_600;
    private static final String P = id("patient P");
    private static final String A = id("hospital A");
    private static final String B = id("hospital B");
    private static final Map<String, String> GRANTEES = Map.of("A", A, "B", B, "D2", id("practitioner D2"),
            "A-nurse", id("practitioner A-nurse"));
    private static final Map<String, Accessor> ACCESSORS = Map.of(
            "A-doctor", Accessor.clinician(A, id("practitioner A-doctor"), true),
            "A-nurse", Accessor.clinician(A, GRANTEES.get("A-nurse"), false),
            "A-admin", Accessor.nonClinicalStaff(A),
            "A-system", Accessor.hospitalSystem(A),
            "B-system", Accessor.hospitalSystem(B),
            "B-doctor", Accessor.clinician(B, GRANTEES.get("D2"), true),
            "P", Accessor.patient(P),
            "Q", Accessor.patient(id("patient Q")));

    private record Row(int line, String accessor, String state, String category, String purpose, String expected,
                       String rule) {
    }

    @Test
    void everyRowOfTheDecisionTableHolds() throws IOException {
        List<Row> rows = rows();
        assertTrue(rows.size() >= 50, "the table has " + rows.size() + " rows");
        List<String> mismatches = new ArrayList<>();
        for (Row row : rows) {
            ConsentView view = new ConsentView();
            arrange(view, row.state());
            AccessDecision decision = new ConsentPolicy(view, HOUR).decide(new AccessRequest(
                    ACCESSORS.get(row.accessor()), P, A, ResourceCategory.ofCode(row.category()).orElseThrow(),
                    PurposeOfUse.valueOf(row.purpose()), NOW));
            String actual = outcome(decision) + " " + decision.rule();
            if (!actual.equals(row.expected() + " " + row.rule())) {
                mismatches.add("line " + row.line() + ": " + row + " gave " + actual);
            }
        }
        assertEquals(List.of(), mismatches);
    }

    @Test
    void categoriesPurposesAndAccessorsOfTheTableCoverTheGrid() throws IOException {
        List<Row> rows = rows();
        assertEquals(ACCESSORS.keySet(), rows.stream().map(Row::accessor).collect(Collectors.toSet()));
        Set<String> purposes = rows.stream().map(Row::purpose).collect(Collectors.toSet());
        assertTrue(purposes.containsAll(Set.of("TREAT", "ETREAT", "HPAYMT", "HOPERAT", "HRESCH", "PATRQT")));
        assertEquals(Set.of("permit", "deny", "deidentified"),
                rows.stream().map(Row::expected).collect(Collectors.toSet()));
        assertTrue(rows.stream().map(Row::rule).collect(Collectors.toSet()).containsAll(Set.of("patient-self",
                "not-the-patient", "no-clinical-role", "consent-research", "custodian-treating-staff",
                "custodian-system", "break-glass", "consent", "no-consent")));
    }

    private static void arrange(ConsentView view, String state) {
        if (state.equals("none")) {
            return;
        }
        long consentId = 0;
        for (String entry : state.split(";")) {
            String[] words = entry.strip().split(" ");
            if (words[0].equals("emergency")) {
                view.apply(new EmergencyAccess(P, GRANTEES.get(words[1]), "reason", A,
                        NOW - Long.parseLong(words[2]) * 60));
                continue;
            }
            Set<ResourceCategory> categories = words[2].equals("all") ? EnumSet.allOf(ResourceCategory.class)
                    : Arrays.stream(words[2].split(",")).map(c -> ResourceCategory.ofCode(c).orElseThrow())
                            .collect(Collectors.toSet());
            Set<PurposeOfUse> purposes = Arrays.stream(words[3].split("\\+")).map(PurposeOfUse::valueOf)
                    .collect(Collectors.toSet());
            String modifier = words.length > 4 ? words[4] : "";
            long from = modifier.equals("future") ? NOW + HOUR : NOW - 24 * HOUR;
            long until = modifier.equals("expired") ? NOW - HOUR : 0;
            long thisId = consentId++;
            view.apply(new ConsentGrant(thisId, P, GRANTEES.get(words[1]), ResourceCategory.mask(categories),
                    PurposeOfUse.mask(purposes), from, until, A, false, false));
            if (modifier.equals("revoked")) {
                assertTrue(view.revoke(thisId));
            }
        }
    }

    private static String outcome(AccessDecision decision) {
        return switch (decision.outcome()) {
            case PERMIT -> "permit";
            case PERMIT_DEIDENTIFIED -> "deidentified";
            case DENY -> "deny";
        };
    }

    private static List<Row> rows() throws IOException {
        List<Row> rows = new ArrayList<>();
        try (InputStream in = ConsentPolicyDecisionTableTest.class.getResourceAsStream("/consent/decision-table.md")) {
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i].strip();
                if (!line.startsWith("|") || line.startsWith("|---") || line.startsWith("| accessor")) {
                    continue;
                }
                String[] cells = Arrays.stream(line.substring(1, line.length() - 1).split("\\|"))
                        .map(String::strip).toArray(String[]::new);
                rows.add(new Row(i + 1, cells[0], cells[1], cells[2], cells[3], cells[4], cells[5]));
            }
        }
        return rows;
    }

    private static String id(String name) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(name.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
