package org.medledger.application.portal;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.medledger.application.RecordService;
import org.medledger.application.StoredResource;
import org.medledger.application.search.ResourceSearch;
import org.medledger.application.search.SearchPage;
import org.medledger.domain.model.identity.Role;
import org.medledger.infrastructure.config.MedLedgerSettings;

@Stateless
public class PatientExportBean implements PatientExport {

    private static final int PAGE = 200;

    @EJB
    private RecordService records;

    @EJB
    private ResourceSearch search;

    @EJB
    private PortalCallers callers;

    @EJB
    private ChartRecords chart;

    @Override
    public void writeMyRecords(String patientUsername, OutputStream out) throws IOException {
        String patientId = callers.patientIdOf(patientUsername);
        StoredResource patient = chart.patient(patientId);
        String base = MedLedgerSettings.fhirBaseUrl();
        List<String> released = new ArrayList<>();
        try (JsonGenerator json = ChartRecords.JSON.getFactory().createGenerator(out, JsonEncoding.UTF8)) {
            json.writeStartObject();
            json.writeStringField("resourceType", "Bundle");
            json.writeStringField("id", UUID.randomUUID().toString());
            json.writeStringField("type", "collection");
            json.writeStringField("timestamp", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
            json.writeArrayFieldStart("entry");
            entry(json, base, patient, released);
            Set<String> documentContent = new LinkedHashSet<>();
            for (int offset = 0; ; offset += PAGE) {
                SearchPage page = search.patientCompartment(patientId, offset, PAGE);
                for (String reference : page.ids()) {
                    int slash = reference.indexOf('/');
                    var resource = records.read(reference.substring(0, slash), reference.substring(slash + 1))
                            .filter(r -> !r.deleted());
                    if (resource.isPresent()) {
                        entry(json, base, resource.get(), released);
                        documentContent.addAll(binariesOf(resource.get()));
                    }
                }
                if (page.ids().size() < PAGE) {
                    break;
                }
            }
            for (String binaryId : documentContent) {
                var binary = chart.current("Binary", binaryId).filter(b -> ("Patient/" + patientId).equals(
                        ChartRecords.parse(b).path("securityContext").path("reference").asText()));
                if (binary.isPresent()) {
                    entry(json, base, binary.get(), released);
                }
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        chart.audit("read", "R", patientUsername, Role.PATIENT, released);
    }

    private static void entry(JsonGenerator json, String base, StoredResource resource, List<String> released)
            throws IOException {
        String reference = resource.resourceType() + "/" + resource.id();
        json.writeStartObject();
        json.writeStringField("fullUrl", base + "/" + reference);
        json.writeFieldName("resource");
        json.writeRawValue(resource.json());
        json.writeEndObject();
        released.add(reference);
    }

    /** The Binaries a DocumentReference's attachments point to. */
    private static List<String> binariesOf(StoredResource resource) {
        List<String> ids = new ArrayList<>();
        if ("DocumentReference".equals(resource.resourceType())) {
            for (JsonNode content : ChartRecords.parse(resource).path("content")) {
                String url = content.path("attachment").path("url").asText("");
                if (url.startsWith("Binary/")) {
                    ids.add(url.substring("Binary/".length()));
                }
            }
        }
        return ids;
    }
}
