package org.medledger.interfaces.fhir;

import ca.uhn.fhir.rest.api.EncodingEnum;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing of a JSON resource body ({@code Content-Type: application/fhir+json}) through parse,
 * validation, canonicalization and read-back. Seeds: {@code FhirJsonInputFuzzTestInputs/anyJsonBodyIsStoredOrRefusedWithAClientError/}.
 */
class FhirJsonInputFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void anyJsonBodyIsStoredOrRefusedWithAClientError(byte[] body) {
        ServerInputPath.requireSuccessOrClientError(() ->
                ServerInputPath.write(ServerInputPath.parse(body, EncodingEnum.JSON)));
    }
}
