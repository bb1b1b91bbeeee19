package io.jenkins.plugins.environments.dashboard;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;

/**
 * The JSON the page renders: {@link #write} for the dashboard ({@code data}), {@link #history} for one page of an
 * app's history ({@code data/history}), {@link #error} for a request the endpoint refuses. Fields in a fixed order,
 * optional ones written as {@code null} where the page expects the key; URLs relative to the Jenkins root. Only what
 * the records hold is written, and the history only the details in {@link HistoryEntry#SHOWN_DETAILS}: no registry
 * target, no cluster URL, no secret.
 */
public final class DashboardJson {

    private static final JsonFactory FACTORY = new JsonFactory();

    /** The hex digits of a digest the page shows. */
    static final int SHORT = 12;

    private DashboardJson() {}

    /** @return the dashboard as JSON */
    public static String write(Dashboard dashboard) {
        StringWriter out = new StringWriter(64 * 1024);
        write(dashboard, out);
        return out.toString();
    }

    /** Writes the dashboard as JSON to {@code out}, which is left open. */
    public static void write(Dashboard dashboard, Writer out) {
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            json.writeStartObject();
            json.writeStringField("generated", dashboard.generated().toString());
            json.writeNumberField("revision", dashboard.revision());
            json.writeArrayFieldStart("environments");
            for (Dashboard.Column column : dashboard.environments()) {
                json.writeStartObject();
                json.writeStringField("name", column.name());
                json.writeStringField("tier", column.tier());
                json.writeStringField("promotesFrom", column.promotesFrom());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeArrayFieldStart("apps");
            for (Dashboard.Row row : dashboard.apps()) {
                json.writeStartObject();
                json.writeStringField("name", row.name());
                json.writeObjectFieldStart("cells");
                for (Dashboard.Cell cell : row.cells()) {
                    json.writeFieldName(cell.environment());
                    cell(json, cell);
                }
                json.writeEndObject();
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeArrayFieldStart("previews");
            for (Dashboard.Preview preview : dashboard.previews()) {
                preview(json, preview);
            }
            json.writeEndArray();
            json.writeArrayFieldStart("approvals");
            for (PendingApproval approval : dashboard.approvals()) {
                approval(json, approval);
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the dashboard as JSON", e);
        }
    }

    /** @return one page of an app's history as JSON */
    public static String history(HistoryPage page) {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("app", page.app());
            json.writeNumberField("total", page.total());
            json.writeNumberField("offset", page.offset());
            json.writeNumberField("limit", page.limit());
            json.writeArrayFieldStart("events");
            for (HistoryEntry entry : page.events()) {
                json.writeStartObject();
                json.writeStringField("type", entry.type().id());
                json.writeStringField("time", entry.time().toString());
                json.writeStringField("environment", entry.environment());
                json.writeStringField("pr", entry.pr());
                digest(json, entry.digest());
                json.writeStringField("actor", entry.actor());
                build(json, "build", entry.build());
                json.writeStringField("reason", entry.reason());
                json.writeObjectFieldStart("details");
                for (String key : HistoryEntry.SHOWN_DETAILS) {
                    String value = entry.details().get(key);
                    if (value != null) {
                        json.writeStringField(key, value);
                    }
                }
                json.writeEndObject();
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the history as JSON", e);
        }
        return out.toString();
    }

    /** @return {@code {"error": message}}, for a request the endpoint refuses */
    public static String error(String message) {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("error", message);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the error as JSON", e);
        }
        return out.toString();
    }

    /** @return {@code sha256:} left out and the first {@value #SHORT} hex digits of the digest, or {@code null} */
    public static String shortDigest(String digest) {
        if (digest == null) {
            return null;
        }
        String hex = digest.substring(digest.indexOf(':') + 1);
        return hex.length() > SHORT ? hex.substring(0, SHORT) : hex;
    }

    private static void cell(JsonGenerator json, Dashboard.Cell cell) throws IOException {
        Deployment current = cell.current();
        json.writeStartObject();
        json.writeStringField("state", cell.state().id());
        digest(json, current == null ? null : current.digest());
        json.writeStringField("tag", current == null ? null : current.tag());
        json.writeStringField("version", current == null ? null : current.version());
        instant(json, "time", current == null ? null : current.time());
        json.writeStringField("actor", current == null ? null : current.actor());
        build(json, "build", current == null ? null : current.build());
        json.writeStringField("strategy", current == null ? null : current.strategy());
        if (cell.behind() > 0) {
            json.writeNumberField("behind", cell.behind());
        }
        if (cell.failure() != null) {
            json.writeStringField(
                    "failure",
                    cell.failure().reason() == null ? "" : cell.failure().reason());
        }
        if (cell.promoting() != null) {
            json.writeObjectFieldStart("promoting");
            json.writeStringField("digest", cell.promoting().digest());
            instant(json, "since", cell.promoting().time());
            build(json, "build", cell.promoting().build());
            json.writeEndObject();
        }
        if (cell.drift() != null) {
            DriftReading drift = cell.drift();
            json.writeObjectFieldStart("drift");
            json.writeStringField("status", drift.status().id());
            json.writeStringField("live", drift.liveDigest());
            instant(json, "since", drift.since());
            instant(json, "checked", drift.checked());
            json.writeStringField("message", drift.message());
            json.writeEndObject();
        }
        json.writeEndObject();
    }

    private static void preview(JsonGenerator json, Dashboard.Preview shown) throws IOException {
        LivePreview preview = shown.preview();
        json.writeStartObject();
        json.writeStringField("app", preview.app());
        json.writeStringField("pr", preview.pr());
        if (preview.job() == null) {
            json.writeNullField("job");
        } else {
            link(json, "job", BuildLink.ofJob(preview.job()));
        }
        json.writeStringField("url", preview.url());
        digest(json, preview.digest());
        instant(json, "deployed", preview.deployed());
        instant(json, "expires", preview.expires());
        json.writeBooleanField("pinned", preview.pinned());
        json.writeStringField("cluster", preview.cluster());
        json.writeBooleanField("expired", shown.expired());
        json.writeEndObject();
    }

    private static void approval(JsonGenerator json, PendingApproval approval) throws IOException {
        json.writeStartObject();
        json.writeStringField("app", approval.app());
        json.writeStringField("environment", approval.environment());
        digest(json, approval.digest());
        json.writeStringField("replaces", approval.replaces());
        json.writeStringField("requester", approval.requester());
        json.writeNumberField("approvals", approval.approvals());
        json.writeNumberField("required", approval.required());
        json.writeArrayFieldStart("eligible");
        for (String eligible : approval.eligible()) {
            json.writeString(eligible);
        }
        json.writeEndArray();
        json.writeStringField("page", approval.page());
        instant(json, "requested", approval.requested());
        build(json, "build", approval.build());
        json.writeEndObject();
    }

    /** Writes {@code digest} and {@code short}. */
    private static void digest(JsonGenerator json, String digest) throws IOException {
        json.writeStringField("digest", digest);
        json.writeStringField("short", shortDigest(digest));
    }

    private static void build(JsonGenerator json, String field, String runUrl) throws IOException {
        if (runUrl == null) {
            json.writeNullField(field);
        } else {
            link(json, field, BuildLink.ofRun(runUrl));
        }
    }

    private static void link(JsonGenerator json, String field, BuildLink link) throws IOException {
        json.writeObjectFieldStart(field);
        json.writeStringField("name", link.name());
        json.writeStringField("url", link.url());
        json.writeEndObject();
    }

    private static void instant(JsonGenerator json, String field, Instant instant) throws IOException {
        json.writeStringField(field, instant == null ? null : instant.toString());
    }
}
