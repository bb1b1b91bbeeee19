package io.jenkins.plugins.environments.kubernetes;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a fabric8 failure says, without fabric8's object dumps: its messages may carry the {@code toString()} of the
 * object it was handed ({@code GenericKubernetesResource(apiVersion=…, metadata=ObjectMeta(…), additionalProperties=
 * {…})}) or of the API server's {@code Status}, which spill an object's whole content (environment values, config
 * data) into build logs. The one place that turns such a failure into text for a message or a log line.
 */
public final class KubernetesMessages {

    /** The start of a Lombok-style {@code toString()} of a fabric8 model object: {@code Name(field=}. */
    private static final Pattern DUMP = Pattern.compile(
            "\\[?\\b[A-Z][A-Za-z0-9]*\\((apiVersion|metadata|kind|code|" + "additionalProperties|name|group)=");

    private KubernetesMessages() {}

    /**
     * @return {@code HTTP 422 (Invalid): <the server's message>} when the server answered with a status, otherwise
     *     fabric8's message cut before the first object dump
     */
    public static String of(KubernetesClientException e) {
        Status status = e.getStatus();
        if (e.getCode() > 0 && status != null && status.getMessage() != null) {
            return "HTTP " + e.getCode() + (status.getReason() == null ? "" : " (" + status.getReason() + ")") + ": "
                    + withoutDumps(status.getMessage());
        }
        return withoutDumps(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }

    /** @return {@code text} up to the first fabric8 object dump in it, marked as cut */
    static String withoutDumps(String text) {
        Matcher dump = DUMP.matcher(text);
        if (!dump.find()) {
            return text;
        }
        String kept = text.substring(0, dump.start()).strip();
        return (kept.isEmpty() ? "" : kept + " ") + "[object content left out]";
    }
}
