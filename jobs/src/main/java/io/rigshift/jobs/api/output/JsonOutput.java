package io.rigshift.jobs.api.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

/**
 * Prints the JSON users read (read commands, reports, invoices), indented, with the one mapper kept
 * here; callers give its stable shape as a value or as nodes made by {@link #objectNode()} and
 * {@link #arrayNode()}.
 */
public final class JsonOutput {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonOutput() {
    }

    /** Prints the value as indented JSON and a line break, and flushes. */
    public static void print(PrintWriter out, Object value) {
        try {
            out.println(MAPPER.writeValueAsString(value));
            out.flush();
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An empty JSON object to fill and {@link #print(PrintWriter, Object) print}. */
    public static ObjectNode objectNode() {
        return MAPPER.createObjectNode();
    }

    /** An empty JSON array to fill and {@link #print(PrintWriter, Object) print}. */
    public static ArrayNode arrayNode() {
        return MAPPER.createArrayNode();
    }
}
