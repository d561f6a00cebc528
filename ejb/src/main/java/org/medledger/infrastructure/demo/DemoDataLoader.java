package org.medledger.infrastructure.demo;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import java.util.logging.Logger;
import org.medledger.application.IdentityService;
import org.medledger.application.RecordService;
import org.medledger.application.StoredResource;
import org.medledger.application.portal.PortalDirectory;
import org.medledger.domain.model.identity.Role;
import org.medledger.infrastructure.config.MedLedgerSettings;

/**
 * Loads the small synthetic demo (one hospital, an admin, a doctor, a patient, an auditor, a ledger operator, a few
 * records) on the first start with {@code medledger.demo=true}. All people in it are invented.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrations")
public class DemoDataLoader {

    /** Demo logins, printed by the run command. Never used outside demo mode. */
    public static final String ADMIN = "admin";
    public static final String DOCTOR = "doctor";
    public static final String PATIENT = "patient";
    public static final String AUDITOR = "auditor";
    public static final String OPERATOR = "operator";
    public static final String DEMO_PASSWORD = "MedLedger-demo-2026";

    private static final Logger LOG = Logger.getLogger(DemoDataLoader.class.getName());

    @EJB
    private IdentityService identity;

    @EJB
    private RecordService records;

    @EJB
    private PortalDirectory directory;

    @PostConstruct
    void load() {
        if (!MedLedgerSettings.demoMode() || identity.countAccounts() > 0) {
            return;
        }
        records.create("Organization", """
                {"resourceType":"Organization","active":true,"name":"%s",
                 "identifier":[{"system":"urn:medledger:demo:organization","value":"DEMO-HOSP-1"}]}
                """.formatted(MedLedgerSettings.hospitalName()));
        StoredResource doctor = records.create("Practitioner", """
                {"resourceType":"Practitioner","active":true,
                 "identifier":[{"system":"urn:medledger:demo:licence","value":"DOC-0001"}],
                 "name":[{"family":"Synthdoc","given":["Ada"],"prefix":["Dr"]}],"gender":"female"}
                """);
        StoredResource patient = records.create("Patient", """
                {"resourceType":"Patient","active":true,
                 "identifier":[{"system":"urn:medledger:demo:mrn","value":"MRN-000001"}],
                 "name":[{"family":"Testpatient","given":["Alpha"]}],"gender":"other","birthDate":"1980-01-01"}
                """);
        String subject = "Patient/" + patient.id();
        records.create("Observation", """
                {"resourceType":"Observation","status":"final",
                 "category":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/observation-category","code":"vital-signs"}]}],
                 "code":{"coding":[{"system":"http://loinc.org","code":"8867-4","display":"Heart rate"}]},
                 "subject":{"reference":"%s"},"effectiveDateTime":"2026-01-10T09:30:00Z",
                 "valueQuantity":{"value":72,"unit":"beats/minute","system":"http://unitsofmeasure.org","code":"/min"}}
                """.formatted(subject));
        records.create("Observation", """
                {"resourceType":"Observation","status":"final",
                 "category":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/observation-category","code":"vital-signs"}]}],
                 "code":{"coding":[{"system":"http://loinc.org","code":"8310-5","display":"Body temperature"}]},
                 "subject":{"reference":"%s"},"effectiveDateTime":"2026-01-10T09:31:00Z",
                 "valueQuantity":{"value":36.8,"unit":"Cel","system":"http://unitsofmeasure.org","code":"Cel"}}
                """.formatted(subject));
        records.create("Condition", """
                {"resourceType":"Condition",
                 "clinicalStatus":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/condition-clinical","code":"active"}]},
                 "code":{"coding":[{"system":"http://snomed.info/sct","code":"38341003","display":"Hypertensive disorder"}]},
                 "subject":{"reference":"%s"}}
                """.formatted(subject));
        identity.createAccount(ADMIN, DEMO_PASSWORD, Role.ADMIN, "Demo Administrator", null);
        identity.createAccount(DOCTOR, DEMO_PASSWORD, Role.DOCTOR, "Dr Ada Synthdoc", "Practitioner/" + doctor.id());
        identity.createAccount(PATIENT, DEMO_PASSWORD, Role.PATIENT, "Alpha Testpatient", subject);
        identity.createAccount(AUDITOR, DEMO_PASSWORD, Role.AUDITOR, "Demo Auditor", null);
        identity.createAccount(OPERATOR, DEMO_PASSWORD, Role.OPERATOR, "Demo Ledger Operator", null);
        directory.enrolVerified(DOCTOR, "urn:medledger:demo:licence", "DOC-0001", "General practice");
        LOG.info("Loaded the synthetic demo data set (5 logins, 6 records)");
    }
}
