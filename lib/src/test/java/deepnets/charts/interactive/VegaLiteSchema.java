package deepnets.charts.interactive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.stream.Collectors;

/** The Vega-Lite v5 JSON schema stored in src/test/resources/vega-lite (from the npm package vega-lite). */
final class VegaLiteSchema {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static JsonSchema schema;

    private VegaLiteSchema() {
    }

    /** The schema's complaints about the JSON text; empty if it is a valid Vega-Lite v5 spec. */
    static synchronized Set<String> problems(String json) {
        if (schema == null) {
            try (InputStream in = VegaLiteSchema.class.getResourceAsStream("/vega-lite/v5.23.0.schema.json")) {
                if (in == null) {
                    throw new IllegalStateException("vega-lite/v5.23.0.schema.json is missing from the test resources");
                }
                // Vega-Lite's schema is deeply recursive: preloading every $ref up front never ends, so refs load lazily.
                schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in,
                        SchemaValidatorsConfig.builder().preloadJsonSchema(false).cacheRefs(true).build());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        try {
            JsonNode node = MAPPER.readTree(json);
            Set<ValidationMessage> messages = schema.validate(node);
            return messages.stream().map(ValidationMessage::getMessage).collect(Collectors.toSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
