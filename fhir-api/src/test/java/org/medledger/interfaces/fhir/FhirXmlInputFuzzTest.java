package org.medledger.interfaces.fhir;

import ca.uhn.fhir.rest.api.EncodingEnum;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing of an XML resource body ({@code Content-Type: application/fhir+xml}) through the server's
 * DOCTYPE refusal, parse, validation, canonicalization and read-back. Seeds with external entities and entity
 * expansion start the fuzzer at the DOCTYPE check; that no entity is ever resolved over HTTP is
 * {@code HostileInputIT}'s to prove (a content check here would only teach the fuzzer the secret it looks for).
 * Seeds: {@code FhirXmlInputFuzzTestInputs/anyXmlBodyIsStoredOrRefusedWithAClientError/}.
 */
class FhirXmlInputFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void anyXmlBodyIsStoredOrRefusedWithAClientError(byte[] body) {
        ServerInputPath.requireSuccessOrClientError(() ->
                ServerInputPath.write(ServerInputPath.parse(body, EncodingEnum.XML)));
    }
}
