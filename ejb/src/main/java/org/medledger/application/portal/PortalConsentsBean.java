package org.medledger.application.portal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.IOException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.medledger.application.InvalidRecordException;
import org.medledger.application.RecordNotFoundException;
import org.medledger.application.RecordService;
import org.medledger.application.StoredResource;
import org.medledger.application.consent.ConsentService;
import org.medledger.application.consent.ConsentTerms;
import org.medledger.application.search.ResourceSearch;
import org.medledger.application.search.SearchCriterion;
import org.medledger.domain.model.consent.ConsentChange;
import org.medledger.domain.model.consent.PurposeOfUse;
import org.medledger.domain.model.consent.ResourceCategory;
import org.medledger.domain.model.identity.PractitionerCredential;
import org.medledger.domain.model.identity.UserAccount;
import org.medledger.infrastructure.config.MedLedgerSettings;

@Stateless
public class PortalConsentsBean implements PortalConsents {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");

    @PersistenceContext(unitName = "medledger")
    private EntityManager em;

    @EJB
    private RecordService records;

    @EJB
    private ResourceSearch search;

    @EJB
    private ConsentService consents;

    @EJB
    private PortalCallers callers;

    @Override
    public List<Grantee> grantees() {
        List<Grantee> grantees = new ArrayList<>();
        for (Object[] row : em.createQuery("SELECT c, u FROM PractitionerCredential c, UserAccount u "
                        + "WHERE u.username = c.username AND c.status = :verified ORDER BY u.displayName", Object[].class)
                .setParameter("verified", PractitionerCredential.Status.VERIFIED).getResultList()) {
            PractitionerCredential credential = (PractitionerCredential) row[0];
            grantees.add(new Grantee("clinician:" + credential.getUsername(), ((UserAccount) row[1]).getDisplayName()
                    + (credential.getSpeciality() == null ? "" : ", " + credential.getSpeciality())));
        }
        grantees.add(new Grantee("hospital:" + hospitalAddress(), MedLedgerSettings.hospitalName() + " (hospital)"));
        return grantees;
    }

    @Override
    public List<ConsentSummary> consentsOf(String patientUsername) {
        String patientId = callers.patientIdOf(patientUsername);
        List<ConsentSummary> result = new ArrayList<>();
        for (String id : search.search("Consent", List.of(new SearchCriterion("patient",
                List.of("Patient/" + patientId))), "-_lastUpdated", 0, 200).ids()) {
            records.read("Consent", id).filter(c -> !c.deleted()).ifPresent(c -> result.add(summary(c)));
        }
        return result;
    }

    @Override
    public String grant(String patientUsername, ConsentRequest request) {
        String patientId = callers.patientIdOf(patientUsername);
        String[] grantee = granteeIdentifier(request.grantee());
        if (request.categories() == null || request.categories().isEmpty()) {
            throw new InvalidRecordException("Choose at least one kind of record to share");
        }
        if (request.purposes() == null || request.purposes().isEmpty()) {
            throw new InvalidRecordException("Choose at least one purpose");
        }
        if (request.until() != null && !request.until().isAfter(LocalDate.now(ZoneOffset.UTC))) {
            throw new InvalidRecordException("The end date must be after today");
        }
        ObjectNode consent = JSON.createObjectNode().put("resourceType", "Consent").put("status", "active");
        consent.putObject("scope").withArray("coding").addObject()
                .put("system", "http://terminology.hl7.org/CodeSystem/consentscope").put("code", "patient-privacy");
        consent.withArray("category").addObject().withArray("coding").addObject()
                .put("system", "http://loinc.org").put("code", "59284-0");
        consent.putObject("patient").put("reference", "Patient/" + patientId);
        consent.put("dateTime", OffsetDateTime.now(ZoneOffset.UTC).withNano(0).toString());
        consent.putObject("policyRule").withArray("coding").addObject()
                .put("system", "http://terminology.hl7.org/CodeSystem/v3-ActCode").put("code", "OPTIN");
        ObjectNode provision = consent.putObject("provision").put("type", "permit");
        ObjectNode actor = provision.withArray("actor").addObject();
        actor.putObject("role").withArray("coding").addObject()
                .put("system", "http://terminology.hl7.org/CodeSystem/v3-ParticipationType").put("code", "IRCP");
        actor.putObject("reference").put("display", grantee[2]).putObject("identifier")
                .put("system", grantee[0]).put("value", grantee[1]);
        for (String purpose : request.purposes()) {
            PurposeOfUse.ofCode(purpose).orElseThrow(() -> new InvalidRecordException("Unknown purpose of use"));
            provision.withArray("purpose").addObject().put("system", PurposeOfUse.SYSTEM).put("code", purpose);
        }
        for (String category : request.categories()) {
            ResourceCategory.ofCode(category).orElseThrow(() -> new InvalidRecordException("Unknown kind of record"));
            provision.withArray("code").addObject().withArray("coding").addObject()
                    .put("system", ConsentTerms.CATEGORY_SYSTEM).put("code", category);
        }
        if (request.until() != null) {
            provision.putObject("period").put("end", request.until().toString());
        }
        return records.create("Consent", consent.toString()).id();
    }

    @Override
    public void revoke(String patientUsername, String consentId) {
        String patientId = callers.patientIdOf(patientUsername);
        StoredResource current = records.read("Consent", consentId == null ? "" : consentId)
                .filter(c -> !c.deleted()).orElseThrow(() -> new RecordNotFoundException("Consent"));
        ObjectNode consent = (ObjectNode) parse(current);
        if (!("Patient/" + patientId).equals(consent.path("patient").path("reference").asText())) {
            throw new PortalAccessDeniedException("This consent is not yours");
        }
        if (!"active".equals(consent.path("status").asText())) {
            throw new InvalidRecordException("This consent is no longer active");
        }
        consent.put("status", "inactive");
        consent.remove("meta");
        records.update("Consent", consentId, consent.toString(), current.version());
    }

    private String[] granteeIdentifier(String key) {
        if (key != null && key.startsWith("clinician:")) {
            String username = key.substring("clinician:".length());
            PractitionerCredential credential = callers.credentialOf(username);
            if (credential == null || !credential.isVerified()) {
                throw new InvalidRecordException("Choose a doctor or nurse whose credentials are verified");
            }
            return new String[] {credential.getLicenceSystem(), credential.getLicenceId(),
                    callers.clinicianAccount(username).getDisplayName()};
        }
        if (key != null && key.startsWith("hospital:") && ADDRESS.matcher(key.substring(9)).matches()) {
            String address = key.substring(9);
            return new String[] {ConsentTerms.MEMBER_SYSTEM, address,
                    address.equalsIgnoreCase(hospitalAddress()) ? MedLedgerSettings.hospitalName() : "Hospital " + address};
        }
        throw new InvalidRecordException("Choose who may see your records");
    }

    private String hospitalAddress() {
        String custodian = consents.custodian();
        return "0x" + custodian.substring(custodian.length() - 40);
    }

    private ConsentSummary summary(StoredResource stored) {
        JsonNode consent = parse(stored);
        JsonNode provision = consent.path("provision");
        JsonNode reference = provision.path("actor").path(0).path("reference");
        String grantee = reference.path("display").asText(reference.path("identifier").path("value").asText());
        List<String> categories = new ArrayList<>();
        provision.path("code").forEach(c -> c.path("coding").forEach(k -> categories.add(k.path("code").asText())));
        List<String> purposes = new ArrayList<>();
        provision.path("purpose").forEach(p -> purposes.add(p.path("code").asText()));
        String until = provision.path("period").path("end").asText("open-ended");
        List<ConsentChange> changes = consents.changesOf(stored.id());
        String ledger = changes.isEmpty() ? "Not on chain"
                : changes.stream().map(c -> c.getAction().name().toLowerCase() + " " + c.getState().name().toLowerCase())
                        .collect(Collectors.joining(", "));
        return new ConsentSummary(stored.id(), grantee, String.join(", ", categories), String.join(", ", purposes),
                until, consent.path("status").asText(), ledger);
    }

    private static JsonNode parse(StoredResource resource) {
        try {
            return JSON.readTree(resource.json());
        } catch (IOException e) {
            throw new IllegalStateException("A stored version is not JSON", e);
        }
    }
}
