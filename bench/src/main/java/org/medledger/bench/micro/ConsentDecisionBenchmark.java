package org.medledger.bench.micro;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.medledger.domain.model.consent.AccessDecision;
import org.medledger.domain.model.consent.AccessRequest;
import org.medledger.domain.model.consent.Accessor;
import org.medledger.domain.model.consent.ConsentGrant;
import org.medledger.domain.model.consent.ConsentPolicy;
import org.medledger.domain.model.consent.ConsentView;
import org.medledger.domain.model.consent.EmergencyAccess;
import org.medledger.domain.model.consent.PurposeOfUse;
import org.medledger.domain.model.consent.ResourceCategory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One consent decision against a view of 100,000 consents (25,000 patients, 4 consents each, to 40 hospitals and
 * 2,000 practitioners; a tenth revoked, a tenth expired) plus 5,000 break-glass declarations, as the FHIR API asks it
 * for every resource it releases. Requests mix hospitals with and without consent, so both outcomes are timed.
 * Sampled per call, so the report gives percentiles, not only a mean.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ConsentDecisionBenchmark {

    private static final long NOW = 1_800_000_000L;
    private static final int PATIENTS = 25_000;
    private static final int HOSPITALS = 40;
    private static final int PRACTITIONERS = 2_000;

    @Param("100000")
    public int consents;

    private ConsentPolicy policy;
    private ConsentView view;
    private final SplittableRandom random = new SplittableRandom(7);

    @Setup
    public void buildView() {
        view = new ConsentView();
        SplittableRandom setup = new SplittableRandom(42);
        ResourceCategory[] categories = ResourceCategory.values();
        for (int id = 0; id < consents; id++) {
            int patient = id % PATIENTS;
            String grantee = setup.nextInt(4) == 0 ? practitioner(setup.nextInt(PRACTITIONERS))
                    : hospital(setup.nextInt(HOSPITALS));
            int scopes = categories[setup.nextInt(categories.length)].bit() | ResourceCategory.OBSERVATIONS.bit();
            int purposes = PurposeOfUse.TREAT.bit() | (setup.nextBoolean() ? PurposeOfUse.HRESCH.bit() : 0);
            long until = setup.nextInt(10) == 0 ? NOW - 1 : 0;
            view.apply(new ConsentGrant(id, patientId(patient), grantee, scopes, purposes, NOW - 86_400, until,
                    hospital(0), false, false));
            if (setup.nextInt(10) == 0) {
                view.revoke(id);
            }
        }
        for (int i = 0; i < 5_000; i++) {
            view.apply(new EmergencyAccess(patientId(setup.nextInt(PATIENTS)), practitioner(setup.nextInt(PRACTITIONERS)),
                    "trauma", hospital(0), NOW - setup.nextInt(7_200)));
        }
        policy = new ConsentPolicy(view, 3_600);
    }

    @Benchmark
    public AccessDecision decideOneRequest() {
        int patient = random.nextInt(PATIENTS);
        int kind = random.nextInt(3);
        Accessor accessor = kind == 0 ? Accessor.hospitalSystem(hospital(1 + random.nextInt(HOSPITALS - 1)))
                : Accessor.clinician(hospital(1 + random.nextInt(HOSPITALS - 1)),
                        practitioner(random.nextInt(PRACTITIONERS)), false);
        PurposeOfUse purpose = kind == 2 ? PurposeOfUse.ETREAT : PurposeOfUse.TREAT;
        return policy.decide(new AccessRequest(accessor, patientId(patient), hospital(0),
                ResourceCategory.OBSERVATIONS, purpose, NOW));
    }

    private static final String[] HOSPITAL_IDS = ids("h", HOSPITALS);
    private static final String[] PRACTITIONER_IDS = ids("p", PRACTITIONERS);
    private static final String[] PATIENT_IDS = ids("a", PATIENTS);

    private static String hospital(int i) {
        return HOSPITAL_IDS[i];
    }

    private static String practitioner(int i) {
        return PRACTITIONER_IDS[i];
    }

    private static String patientId(int i) {
        return PATIENT_IDS[i];
    }

    /** Ids are built once, as the server holds them: the decision itself must not pay for string formatting. */
    private static String[] ids(String prefix, int count) {
        String[] ids = new String[count];
        for (int i = 0; i < count; i++) {
            String hex = prefix.equals("h") ? "0a" : prefix.equals("p") ? "0b" : "0c";
            ids[i] = hex + String.format("%062x", i);
        }
        return ids;
    }
}
