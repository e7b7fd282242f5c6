package io.dataflow.core.maestro;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The JSON Schema of the Maestro DSL subset the export writes ({@code src/test/resources/maestro/}), applied with the
 * networknt validator to YAML text.
 */
final class MaestroSchema {

    private static final Schema SCHEMA = load();

    private MaestroSchema() {}

    /** Every violation of the schema, as {@code <location>: <message>}; empty when the document conforms. */
    static List<String> violations(String yaml) {
        return SCHEMA.validate(yaml, InputFormat.YAML).stream().map(Error::toString).toList();
    }

    private static Schema load() {
        try (InputStream in = MaestroSchema.class.getResourceAsStream("/maestro/maestro-dsl-subset.schema.json")) {
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
