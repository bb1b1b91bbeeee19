package io.jenkins.plugins.environments.ledger;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.jenkins.plugins.environments.model.Redaction;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ledger's line format: one JSON object per event, fields in a fixed order (type, time, app, environment, pr,
 * digest, namespace, url, actor, reason, build, details), absent values left out rather than written as null.
 *
 * <p>Writing goes through Jackson's streaming generator so that the order is exactly the one above; reading goes
 * through Jackson's streaming parser too and ignores fields it does not know, so that a newer plugin's lines stay readable.
 */
final class LedgerJson {

    /** Writes and reads every line; a line that names a field twice is not an event. */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /**
     * Reads a line of the usual shape, one object of known fields whose values are texts, numbers or a flat details
     * object, and finds a field named twice itself, more cheaply than the parser's own detection. A line of any other
     * shape is read again with {@link #FACTORY}.
     */
    private static final JsonFactory USUAL = JsonFactory.builder().build();

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
     * Reads one line with the streaming parser, in one pass and without a tree. The whole line is parsed before any
     * field is checked, and the fields are checked in a fixed order (time, type, app, environment, pr, digest,
     * namespace, url, actor, reason, build, details), so that a line that is wrong in several ways always gets the
     * same reason.
     *
     * @throws IllegalArgumentException saying why the line is not an event
     */
    static LedgerEvent read(byte[] line, int offset, int length) {
        try {
            return read(new Fields(true), line, offset, length);
        } catch (Unusual e) {
            return read(new Fields(false), line, offset, length);
        }
    }

    private static LedgerEvent read(Fields fields, byte[] line, int offset, int length) {
        JsonFactory factory = fields.findsDuplicates ? USUAL : FACTORY;
        try (JsonParser json = factory.createParser(line, offset, length)) {
            JsonToken first = json.nextToken();
            if (first == JsonToken.START_OBJECT) {
                fields.read(json);
            } else if (first != null) {
                fields.unusual();
                json.skipChildren();
            }
            JsonToken trailing = first == null ? null : json.nextToken();
            if (trailing != null) {
                throw new IllegalArgumentException(
                        "not JSON: Trailing token (of type " + trailing
                                + ") found after value (bound as `com.fasterxml.jackson.databind.JsonNode`): not allowed as per `DeserializationFeature.FAIL_ON_TRAILING_TOKENS`");
            }
            if (first != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("not a JSON object");
            }
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
        return fields.event();
    }

    /**
     * The instant, as {@link Instant#parse} reads it. The form {@link Instant#toString} writes, which is what the
     * ledger holds ({@code 2026-01-05T08:00:37Z}, with 1 to 9 digits of fraction or none), is read directly;
     * any other form, and any value out of range, goes to {@link Instant#parse}, which also explains errors.
     */
    static Instant instant(String text) {
        int length = text.length();
        if (length < 20
                || length == 21
                || length > 30
                || text.charAt(length - 1) != 'Z'
                || text.charAt(4) != '-'
                || text.charAt(7) != '-'
                || text.charAt(10) != 'T'
                || text.charAt(13) != ':'
                || text.charAt(16) != ':'
                || (length > 20 && text.charAt(19) != '.')) {
            return Instant.parse(text);
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        int second = digits(text, 17, 19);
        int fraction = length > 20 ? digits(text, 20, length - 1) : 0;
        if (year < 0
                || month < 1
                || month > 12
                || day < 1
                || day > 28 && day > YearMonth.of(year, month).lengthOfMonth()
                || hour < 0
                || hour > 23
                || minute < 0
                || minute > 59
                || second < 0
                || second > 59
                || fraction < 0) {
            return Instant.parse(text);
        }
        for (int i = length - 1; i < 29; i++) {
            fraction *= 10;
        }
        long days = LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(days * 86_400 + hour * 3_600 + minute * 60 + second, fraction);
    }

    /** @return the number the ASCII digits from {@code start} to {@code end} write, or -1 when one is not */
    private static int digits(String text, int start, int end) {
        int value = 0;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** Thrown when a line is not of the usual shape, to read it again with the parser's duplicate detection. */
    private static final class Unusual extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private static final Unusual LINE = new Unusual();

        private Unusual() {
            super(null, null, false, false);
        }
    }

    /** The fields of one line as read, each either a text, absent (null) or of a kind that is not text. */
    private static final class Fields {

        private static final String[] NAMES = {
            "type",
            "time",
            "app",
            "environment",
            "pr",
            "digest",
            "namespace",
            "url",
            "actor",
            "reason",
            "build",
            "details"
        };

        /** Whether this reading finds fields named twice itself, and gives up on lines of an unusual shape. */
        final boolean findsDuplicates;

        private int seen;

        /** Marks a field whose value is an object or an array; reported when the field's turn comes. */
        private static final String NOT_TEXT = new String("(not text)");

        private String type;
        private String time;
        private String app;
        private String environment;
        private String pr;
        private String digest;
        private String namespace;
        private String url;
        private String actor;
        private String reason;
        private String build;
        /** null when absent or null; empty when not an object; else names and values, in turns. */
        private List<String> details;

        private boolean detailsNotObject;

        /** Reads the object's fields; the parser is at its start and is left at its end. */
        Fields(boolean findsDuplicates) {
            this.findsDuplicates = findsDuplicates;
        }

        /** Gives up when this reading finds duplicates itself; the line is read again. */
        void unusual() {
            if (findsDuplicates) {
                throw Unusual.LINE;
            }
        }

        void read(JsonParser json) throws IOException {
            for (String name = json.nextFieldName(); name != null; name = json.nextFieldName()) {
                int field = field(name);
                if (field < 0) {
                    unusual(); // a newer plugin's field
                } else if (findsDuplicates) {
                    // checked before the value is read, where the parser's own detection would fail
                    if ((seen & (1 << field)) != 0) {
                        throw duplicate(json, name);
                    }
                    seen |= 1 << field;
                }
                JsonToken token = json.nextToken();
                switch (field) {
                    case 0 -> type = value(json, token);
                    case 1 -> time = value(json, token);
                    case 2 -> app = value(json, token);
                    case 3 -> environment = value(json, token);
                    case 4 -> pr = value(json, token);
                    case 5 -> digest = value(json, token);
                    case 6 -> namespace = value(json, token);
                    case 7 -> url = value(json, token);
                    case 8 -> actor = value(json, token);
                    case 9 -> reason = value(json, token);
                    case 10 -> build = value(json, token);
                    case 11 -> details(json, token);
                    default -> json.skipChildren();
                }
            }
        }

        private static int field(String name) {
            for (int i = 0; i < NAMES.length; i++) {
                if (NAMES[i].equals(name)) {
                    return i;
                }
            }
            return -1;
        }

        /** The parser's own words for a field named twice in one object. */
        private static JsonParseException duplicate(JsonParser json, String name) {
            return new JsonParseException(json, "Duplicate field '" + name + "'");
        }

        private void details(JsonParser json, JsonToken token) throws IOException {
            if (token == JsonToken.VALUE_NULL) {
                details = null;
                detailsNotObject = false;
                return;
            }
            if (token != JsonToken.START_OBJECT) {
                if (token.isStructStart()) {
                    unusual();
                }
                json.skipChildren();
                details = null;
                detailsNotObject = true;
                return;
            }
            detailsNotObject = false;
            details = new ArrayList<>();
            for (String name = json.nextFieldName(); name != null; name = json.nextFieldName()) {
                if (findsDuplicates) {
                    for (int i = 0; i < details.size(); i += 2) {
                        if (details.get(i).equals(name)) {
                            throw duplicate(json, name);
                        }
                    }
                }
                details.add(name);
                details.add(value(json, json.nextToken()));
            }
        }

        /** A string, or a number for hand-edited lines such as {@code "pr": 42}, as the tree model would read it. */
        private String value(JsonParser json, JsonToken token) throws IOException {
            return switch (token) {
                case VALUE_STRING -> json.getText();
                case VALUE_NULL -> null;
                case VALUE_TRUE -> "true";
                case VALUE_FALSE -> "false";
                case VALUE_NUMBER_INT -> json.getNumberValue().toString();
                case VALUE_NUMBER_FLOAT -> Double.toString(json.getDoubleValue());
                default -> {
                    unusual();
                    json.skipChildren();
                    yield NOT_TEXT;
                }
            };
        }

        private static String text(String field, String value) {
            if (value == NOT_TEXT) {
                throw new IllegalArgumentException(field + " is not a string");
            }
            return value;
        }

        LedgerEvent event() {
            String when = text("time", time);
            Instant instant;
            try {
                instant = when == null ? null : instant(when);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("time is not an ISO-8601 instant: '" + when + "'", e);
            }
            String id = text("type", type);
            return new LedgerEvent(
                    id == null ? null : LedgerEventType.fromId(id),
                    instant,
                    text("app", app),
                    text("environment", environment),
                    text("pr", pr),
                    text("digest", digest),
                    text("namespace", namespace),
                    text("url", url),
                    text("actor", actor),
                    text("reason", reason),
                    text("build", build),
                    details());
        }

        private Map<String, String> details() {
            if (detailsNotObject) {
                throw new IllegalArgumentException("details is not a JSON object");
            }
            if (details == null) {
                return Map.of();
            }
            Map<String, String> map = new LinkedHashMap<>();
            for (int i = 0; i < details.size(); i += 2) {
                map.put(details.get(i), text(details.get(i), details.get(i + 1)));
            }
            return map;
        }
    }
}
