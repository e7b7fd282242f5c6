package io.dataflow.core.bundle;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.dataflow.core.EnvironmentException;
import java.io.IOException;
import java.time.Instant;

/**
 * The one JSON configuration for everything the release engine stores or prints: records in declaration
 * order, instants as ISO-8601 text, unknown fields ignored so that older tools can read newer records.
 */
public final class Json {

    // Configured once and never changed afterwards: ObjectMapper is thread-safe in that state.
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new SimpleModule("instants")
                    .addSerializer(Instant.class, new InstantSerializer())
                    .addDeserializer(Instant.class, new InstantDeserializer()))
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .build();

    private Json() {}

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Compact UTF-8 bytes, as stored in the registry. */
    public static byte[] bytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    /** Indented text, as printed for users and scripts. */
    public static String pretty(Object value) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    /**
     * Reads a stored record.
     *
     * @param location where the bytes came from, named in the error
     */
    public static <T> T read(byte[] bytes, Class<T> type, String location) {
        try {
            return MAPPER.readValue(bytes, type);
        } catch (IOException e) {
            throw new EnvironmentException("Registry object " + location + " is not a readable "
                    + type.getSimpleName() + " record (" + (e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.toString())
                    + "); was it edited by hand?", e);
        }
    }

    private static final class InstantSerializer extends JsonSerializer<Instant> {
        @Override
        public void serialize(Instant value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeString(value.toString());
        }
    }

    private static final class InstantDeserializer extends JsonDeserializer<Instant> {
        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            return Instant.parse(p.getValueAsString());
        }
    }
}
