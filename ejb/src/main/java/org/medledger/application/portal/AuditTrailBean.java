package org.medledger.application.portal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.medledger.application.InvalidRecordException;
import org.medledger.application.RecordService;
import org.medledger.application.StoredResource;
import org.medledger.application.search.ResourceSearch;
import org.medledger.application.search.SearchCriterion;
import org.medledger.domain.model.anchor.AnchorLeaf;
import org.medledger.domain.model.identity.Role;
import org.medledger.domain.model.record.RecordVersionRepository;
import org.medledger.infrastructure.ledger.AnchorOutbox;

@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class AuditTrailBean implements AuditTrail {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> ACTIONS = Set.of("C", "R", "U", "D", "E");
    private static final Map<String, String> ACTION_NAMES = Map.of("C", "create", "R", "read", "U", "update",
            "D", "delete", "E", "execute");
    private static final Map<String, String> OUTCOMES = Map.of("0", "success", "4", "refused", "8", "unauthenticated",
            "12", "failed");

    @EJB
    private RecordService records;

    @EJB
    private ResourceSearch search;

    @EJB
    private PortalCallers callers;

    @EJB
    private AnchorOutbox outbox;

    @Inject
    private RecordVersionRepository versions;

    @Override
    public List<AuditEntry> accessHistory(String patientUsername) {
        String patientId = callers.patientIdOf(patientUsername);
        return find(List.of(new SearchCriterion("entity", List.of("Patient/" + patientId))));
    }

    @Override
    public List<AuditEntry> search(String auditorUsername, AuditQuery query) {
        callers.account(auditorUsername, Role.AUDITOR);
        List<SearchCriterion> criteria = new ArrayList<>();
        if (query.patientId() != null && !query.patientId().isBlank()) {
            String id = query.patientId().strip();
            if (id.startsWith("Patient/")) {
                id = id.substring("Patient/".length());
            }
            if (!id.matches("[A-Za-z0-9\\-.]{1,64}")) {
                throw new InvalidRecordException("A patient id has letters, digits, '-' and '.'");
            }
            criteria.add(new SearchCriterion("entity", List.of("Patient/" + id)));
        }
        if (query.action() != null && !query.action().isBlank()) {
            if (!ACTIONS.contains(query.action())) {
                throw new InvalidRecordException("Choose an action: create, read, update, delete or execute");
            }
            criteria.add(new SearchCriterion("action", List.of(query.action())));
        }
        if (query.user() != null && !query.user().isBlank()) {
            String user = query.user().strip();
            if (user.length() > 128 || user.contains("|")) {
                throw new InvalidRecordException("A user is a portal login or a backend client id (at most 128 "
                        + "characters, no '|')");
            }
            criteria.add(new SearchCriterion("agent-identifier", List.of(user)));
        }
        if (query.outcome() != null && !query.outcome().isBlank()) {
            if (!OUTCOMES.containsKey(query.outcome())) {
                throw new InvalidRecordException("Choose an outcome: success, refused, unauthenticated or failed");
            }
            criteria.add(new SearchCriterion("outcome", List.of(query.outcome())));
        }
        if (query.from() != null && query.to() != null && query.to().isBefore(query.from())) {
            throw new InvalidRecordException("The end date is before the start date");
        }
        if (query.from() != null) {
            criteria.add(new SearchCriterion("date", List.of("ge" + query.from())));
        }
        if (query.to() != null) {
            criteria.add(new SearchCriterion("date", List.of("le" + query.to())));
        }
        return find(criteria);
    }

    private List<AuditEntry> find(List<SearchCriterion> criteria) {
        List<AuditEntry> entries = new ArrayList<>();
        for (String id : search.search("AuditEvent", criteria, "-_lastUpdated", 0, LIMIT).ids()) {
            records.read("AuditEvent", id).filter(r -> !r.deleted()).ifPresent(r -> entries.add(entry(r)));
        }
        return entries;
    }

    private AuditEntry entry(StoredResource stored) {
        JsonNode event = parse(stored);
        String who = "";
        String source = event.path("source").path("observer").path("display").asText("");
        for (JsonNode agent : event.path("agent")) {
            JsonNode identity = agent.path("who");
            String name = identity.path("display").asText(identity.path("identifier").path("value").asText(""));
            if (agent.path("requestor").asBoolean(false)) {
                who = name;
            } else if (!name.isEmpty()) {
                source = source + " (" + name + ")";
            }
        }
        if (who.isEmpty()) {
            who = event.path("agent").path(0).path("who").path("display").asText("");
        }
        List<String> entities = new ArrayList<>();
        event.path("entity").forEach(e -> entities.add(e.path("what").path("reference").asText()));
        String purpose = event.path("purposeOfEvent").path(0).path("coding").path(0).path("code").asText("");
        String action = event.path("action").asText("");
        boolean anchored = versions.version("AuditEvent", stored.id(), stored.version())
                .flatMap(v -> outbox.leafOf(v.getId())).map(l -> l.getState() == AnchorLeaf.State.ANCHORED)
                .orElse(false);
        return new AuditEntry(stored.id(), event.path("recorded").asText(stored.lastUpdated().toString()), who, source,
                ACTION_NAMES.getOrDefault(action, action), OUTCOMES.getOrDefault(event.path("outcome").asText(""),
                event.path("outcome").asText("")), purpose, String.join(" ", entities), anchored);
    }

    private static JsonNode parse(StoredResource resource) {
        try {
            return JSON.readTree(resource.json());
        } catch (IOException e) {
            throw new IllegalStateException("A stored version is not JSON", e);
        }
    }
}
