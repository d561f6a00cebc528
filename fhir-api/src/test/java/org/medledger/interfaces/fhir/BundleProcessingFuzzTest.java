package org.medledger.interfaces.fhir;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.AfterAll;

/**
 * Coverage-guided fuzzing of {@code POST /fhir} with a transaction or batch Bundle, in JSON or XML: parse, then
 * {@link BundleProcessor} (planning, validation of every entry, reference resolution, execution in FHIR's order, and
 * the per-entry error translation of a batch) over {@link InMemoryRecordStore}. A transaction that fails must leave
 * nothing written. Seeds: {@code BundleProcessingFuzzTestInputs/anyBundleBodyIsProcessedOrRefusedWithAClientError/} (a body
 * starting with {@code <} is sent as XML, any other as JSON).
 */
class BundleProcessingFuzzTest {

    private static final ExecutorService VALIDATORS = Executors.newFixedThreadPool(2);

    @AfterAll
    static void stopValidators() {
        VALIDATORS.shutdownNow();
    }

    @FuzzTest(maxDuration = "60s")
    void anyBundleBodyIsProcessedOrRefusedWithAClientError(byte[] body) {
        EncodingEnum encoding = new String(body, StandardCharsets.UTF_8).stripLeading().startsWith("<")
                ? EncodingEnum.XML : EncodingEnum.JSON;
        InMemoryRecordStore store = new InMemoryRecordStore();
        BundleProcessor processor = new BundleProcessor(ServerInputPath.FHIR, store, store, store,
                ServerInputPath.VALIDATION, VALIDATORS);
        boolean[] transaction = {false};
        ServerInputPath.requireSuccessOrClientError(() -> {
            Bundle bundle = ServerInputPath.parse(body, encoding, Bundle.class);
            transaction[0] = bundle.getType() == Bundle.BundleType.TRANSACTION;
            Bundle response = processor.process(bundle, new SystemRequestDetails());
            // What the server answers is encoded for the client; that must not fail either.
            ServerInputPath.FHIR.newJsonParser().encodeResourceToString(response);
            transaction[0] = false;
        });
        if (transaction[0]) {
            assertEquals(0, store.versionCount(), "a refused transaction left versions behind");
        }
    }
}
