package org.medledger.interfaces.fhir;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 6902 JSON Patch (add, remove, replace, move, copy, test) applied to a resource's JSON. Paths are RFC 6901
 * JSON Pointers. A failed {@code test} or a path that does not exist is 422; a malformed patch is 400.
 */
final class JsonPatch {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private JsonPatch() {
    }

    static String apply(String documentJson, String patchJson) {
        JsonNode patch;
        JsonNode document;
        try {
            patch = JSON.readTree(patchJson);
            document = JSON.readTree(documentJson);
        } catch (JsonProcessingException e) {
            throw new InvalidRequestException("The JSON Patch is not valid JSON");
        }
        if (patch == null || !patch.isArray()) {
            throw new InvalidRequestException("A JSON Patch is a JSON array of operations (RFC 6902)");
        }
        for (int i = 0; i < patch.size(); i++) {
            document = applyOne(document, patch.get(i), i);
        }
        if (!document.isObject() || !document.hasNonNull("resourceType")) {
            throw new UnprocessableEntityException("The patched document is no longer a FHIR resource");
        }
        return document.toString();
    }

    private static JsonNode applyOne(JsonNode document, JsonNode operation, int index) {
        String op = text(operation, "op", index);
        List<String> path = pointer(text(operation, "path", index), index);
        switch (op) {
            case "add" -> {
                return add(document, path, value(operation, index), index);
            }
            case "remove" -> {
                remove(document, path, index);
                return document;
            }
            case "replace" -> {
                remove(document, path, index);
                return add(document, path, value(operation, index), index);
            }
            case "move" -> {
                List<String> from = pointer(text(operation, "from", index), index);
                JsonNode moved = get(document, from, index);
                remove(document, from, index);
                return add(document, path, moved, index);
            }
            case "copy" -> {
                List<String> from = pointer(text(operation, "from", index), index);
                return add(document, path, get(document, from, index).deepCopy(), index);
            }
            case "test" -> {
                if (!get(document, path, index).equals(value(operation, index))) {
                    throw new UnprocessableEntityException("JSON Patch operation " + index + ": test failed at "
                            + operation.get("path").asText());
                }
                return document;
            }
            default -> throw new InvalidRequestException("JSON Patch operation " + index + ": unknown op '" + op + "'");
        }
    }

    private static JsonNode add(JsonNode document, List<String> path, JsonNode value, int index) {
        if (path.isEmpty()) {
            return value;
        }
        JsonNode parent = get(document, path.subList(0, path.size() - 1), index);
        String last = path.get(path.size() - 1);
        if (parent instanceof ObjectNode object) {
            object.set(last, value);
        } else if (parent instanceof ArrayNode array) {
            if (last.equals("-")) {
                array.add(value);
            } else {
                int position = arrayIndex(last, array.size(), index);
                array.insert(position, value);
            }
        } else {
            throw missing(index, path);
        }
        return document;
    }

    private static void remove(JsonNode document, List<String> path, int index) {
        if (path.isEmpty()) {
            throw new UnprocessableEntityException("JSON Patch operation " + index + ": cannot remove the whole resource");
        }
        JsonNode parent = get(document, path.subList(0, path.size() - 1), index);
        String last = path.get(path.size() - 1);
        if (parent instanceof ObjectNode object && object.has(last)) {
            object.remove(last);
        } else if (parent instanceof ArrayNode array) {
            array.remove(arrayIndex(last, array.size() - 1, index));
        } else {
            throw missing(index, path);
        }
    }

    private static JsonNode get(JsonNode document, List<String> path, int index) {
        JsonNode current = document;
        for (String token : path) {
            if (current instanceof ObjectNode object && object.has(token)) {
                current = object.get(token);
            } else if (current instanceof ArrayNode array) {
                current = array.get(arrayIndex(token, array.size() - 1, index));
            } else {
                throw missing(index, path);
            }
        }
        return current;
    }

    private static int arrayIndex(String token, int max, int index) {
        if (!token.matches("0|[1-9][0-9]{0,8}") || Integer.parseInt(token) > max) {
            throw new UnprocessableEntityException("JSON Patch operation " + index + ": array index '" + token
                    + "' is out of range");
        }
        return Integer.parseInt(token);
    }

    private static List<String> pointer(String text, int index) {
        if (text.isEmpty()) {
            return List.of();
        }
        if (!text.startsWith("/")) {
            throw new InvalidRequestException("JSON Patch operation " + index + ": a path is a JSON Pointer starting with /");
        }
        List<String> tokens = new ArrayList<>();
        for (String raw : text.substring(1).split("/", -1)) {
            tokens.add(raw.replace("~1", "/").replace("~0", "~"));
        }
        return tokens;
    }

    private static String text(JsonNode operation, String field, int index) {
        if (!(operation instanceof ObjectNode) || !operation.path(field).isTextual()) {
            throw new InvalidRequestException("JSON Patch operation " + index + " needs a string \"" + field + "\"");
        }
        return operation.get(field).asText();
    }

    private static JsonNode value(JsonNode operation, int index) {
        if (!operation.has("value")) {
            throw new InvalidRequestException("JSON Patch operation " + index + " needs a \"value\"");
        }
        JsonNode value = operation.get("value");
        return value instanceof ContainerNode<?> ? value.deepCopy() : value;
    }

    private static UnprocessableEntityException missing(int index, List<String> path) {
        return new UnprocessableEntityException("JSON Patch operation " + index + ": the path /" + String.join("/", path)
                + " does not exist in the resource");
    }
}
