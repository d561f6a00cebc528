package org.medledger.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RecordSealerCanonicalFormTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aLoneSurrogateIsRefusedInsteadOfBeingStoredAsAQuestionMark() throws Exception {
        ObjectNode resource = (ObjectNode) JSON.readTree(
                "{\"resourceType\":\"Patient\",\"name\":[{\"family\":\"Synth\\ud800patient\"}]}");
        assertThrows(InvalidRecordException.class, () -> RecordSealer.canonicalForm(resource));
    }

    @Test
    void aSurrogatePairIsKeptAsItsCharacter() throws Exception {
        ObjectNode resource = (ObjectNode) JSON.readTree(
                "{\"resourceType\":\"Patient\",\"name\":[{\"family\":\"Synth\\ud83d\\ude00\"}]}");
        assertEquals("{\"name\":[{\"family\":\"Synth\uD83D\uDE00\"}],\"resourceType\":\"Patient\"}",
                new String(RecordSealer.canonicalForm(resource), StandardCharsets.UTF_8));
    }
}
