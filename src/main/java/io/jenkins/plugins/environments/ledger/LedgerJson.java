package io.jenkins.plugins.environments.ledger;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.jenkins.plugins.environments.model.Redaction;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ledger's line format: one JSON object per event, fields in a fixed order (type, time, app, environment, pr,
 * digest, namespace, url, actor, reason, build, details), absent values left out rather than written as null.
 *
 * <p>Writing goes through Jackson's streaming generator so that the order is exactly the one above; reading goes
 * through Jackson's tree model and ignores fields it does not know, so that a newer plugin's lines stay readable.
 */
final class LedgerJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final JsonFactory FACTORY = MAPPER.getFactory();

    private LedgerJson() {}

    /**
     * @return the event as one line of JSON, without the line end; JSON escapes any line break inside a value, and
     *     every value passes through {@link Redaction} first, so no secret reaches the file
     */
    static String write(LedgerEvent event) {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("type", event.type().id());
            json.writeStringField("time", event.time().toString());
            json.writeStringField("app", Redaction.redactKeepingCharacters(event.app()));
            json.writeStringField("environment", Redaction.redactKeepingCharacters(event.environment()));
            optional(json, "pr", event.pr());
            optional(json, "digest", event.digest());
            optional(json, "namespace", event.namespace());
            optional(json, "url", event.url());
            optional(json, "actor", event.actor());
            optional(json, "reason", event.reason());
            optional(json, "build", event.build());
            if (!event.details().isEmpty()) {
                json.writeObjectFieldStart("details");
                for (Map.Entry<String, String> detail : event.details().entrySet()) {
                    json.writeStringField(
                            Redaction.redactKeepingCharacters(detail.getKey()),
                            Redaction.redactKeepingCharacters(detail.getValue()));
                }
                json.writeEndObject();
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a ledger event as JSON", e);
        }
        return out.toString();
    }

    private static void optional(JsonGenerator json, String field, String value) throws IOException {
        if (value != null) {
            json.writeStringField(field, Redaction.redactKeepingCharacters(value));
        }
    }

    /**
     * Reads one line.
     *
     * @throws IllegalArgumentException saying why the line is not an event
     */
    static LedgerEvent read(byte[] line, int offset, int length) {
        JsonNode node;
        try {
            node = MAPPER.readTree(line, offset, length);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        String time = text(node, "time");
        Instant instant;
        try {
            instant = time == null ? null : Instant.parse(time);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("time is not an ISO-8601 instant: '" + time + "'", e);
        }
        String type = text(node, "type");
        return new LedgerEvent(
                type == null ? null : LedgerEventType.fromId(type),
                instant,
                text(node, "app"),
                text(node, "environment"),
                text(node, "pr"),
                text(node, "digest"),
                text(node, "namespace"),
                text(node, "url"),
                text(node, "actor"),
                text(node, "reason"),
                text(node, "build"),
                details(node.get("details")));
    }

    /** A string, or a number for hand-edited lines such as {@code "pr": 42}; null and absent both read as null. */
    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual() && !value.isNumber() && !value.isBoolean()) {
            throw new IllegalArgumentException(field + " is not a string");
        }
        return value.asText();
    }

    private static Map<String, String> details(JsonNode node) {
        if (node == null || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException("details is not a JSON object");
        }
        Map<String, String> details = new LinkedHashMap<>();
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            details.put(name, text(node, name));
        }
        return details;
    }
}
