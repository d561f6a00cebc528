package org.medledger.interfaces.fhir;

import static org.junit.jupiter.api.Assertions.assertFalse;

import ca.uhn.fhir.rest.api.EncodingEnum;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * Coverage-guided fuzzing of an XML resource body ({@code Content-Type: application/fhir+xml}) through parse,
 * validation, canonicalization and read-back. A local file holds a secret; seeds name it in external entities
 * ({@code file:target/xml-entity-secret.txt}), and no parsed resource may ever contain it.
 * Seeds: {@code FhirXmlInputFuzzTestInputs/anyXmlBodyIsStoredOrRefusedWithAClientError/}.
 */
class FhirXmlInputFuzzTest {

    private static final String SECRET = "entity-secret-" + UUID.randomUUID();

    static {
        try {
            Path file = Path.of("target", "xml-entity-secret.txt");
            Files.createDirectories(file.getParent());
            Files.writeString(file, SECRET);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FuzzTest(maxDuration = "60s")
    void anyXmlBodyIsStoredOrRefusedWithAClientError(byte[] body) {
        ServerInputPath.requireSuccessOrClientError(() -> {
            IBaseResource resource = ServerInputPath.parse(body, EncodingEnum.XML);
            assertFalse(ServerInputPath.FHIR.newJsonParser().encodeResourceToString(resource).contains(SECRET),
                    "an external entity was resolved");
            ServerInputPath.write(resource);
        });
    }
}
