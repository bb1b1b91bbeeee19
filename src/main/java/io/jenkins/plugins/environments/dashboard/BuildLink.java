package io.jenkins.plugins.environments.dashboard;

import io.jenkins.plugins.environments.model.RunUrls;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A link to a build or a job as the page shows it: a name for people and a URL relative to the Jenkins root.
 *
 * @param name such as {@code payments » main #42}
 * @param url such as {@code job/payments/job/main/42/}
 */
public record BuildLink(String name, String url) {

    private static final String SEPARATOR = " » ";

    public BuildLink {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(url, "url");
    }

    /**
     * @param runUrl a run's URL such as {@code job/a/job/b/12/}, or the absolute {@code BUILD_URL} a step recorded
     * @return the link named after the job's path and the run's number, such as {@code a » b #12}, at the URL relative
     *     to the Jenkins root ({@link RunUrls#relative}); named after the URL itself when it is not a run's URL
     */
    public static BuildLink ofRun(String runUrl) {
        Objects.requireNonNull(runUrl, "runUrl");
        String relative = RunUrls.relative(runUrl);
        if (relative == null) {
            return new BuildLink(runUrl, runUrl);
        }
        List<String> segments = segments(relative);
        List<String> jobs = new ArrayList<>();
        int i = 0;
        while (i + 1 < segments.size() && segments.get(i).equals("job")) {
            jobs.add(decode(segments.get(i + 1)));
            i += 2;
        }
        if (jobs.isEmpty() || i > segments.size()) {
            return new BuildLink(runUrl, runUrl);
        }
        String name = String.join(SEPARATOR, jobs);
        if (i == segments.size() - 1 && isNumber(segments.get(i))) {
            return new BuildLink(name + " #" + segments.get(i), relative);
        }
        if (i == segments.size()) {
            return new BuildLink(name, relative);
        }
        return new BuildLink(runUrl, runUrl);
    }

    /**
     * @param fullName a job's full name such as {@code payments/PR-1842}
     * @return the link to the job, such as {@code payments » PR-1842} at {@code job/payments/job/PR-1842/}
     */
    public static BuildLink ofJob(String fullName) {
        Objects.requireNonNull(fullName, "fullName");
        StringBuilder url = new StringBuilder();
        List<String> names = new ArrayList<>();
        for (String part : fullName.split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            names.add(part);
            url.append("job/")
                    .append(URLEncoder.encode(part, StandardCharsets.UTF_8).replace("+", "%20"))
                    .append('/');
        }
        return new BuildLink(String.join(SEPARATOR, names), url.toString());
    }

    /** @param relative a URL relative to the Jenkins root, starting with {@code job/} ({@link RunUrls#relative}) */
    private static List<String> segments(String relative) {
        List<String> segments = new ArrayList<>();
        for (String segment : relative.split("/")) {
            if (!segment.isEmpty()) {
                segments.add(segment);
            }
        }
        return segments;
    }

    private static String decode(String segment) {
        try {
            return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return segment;
        }
    }

    private static boolean isNumber(String value) {
        return !value.isEmpty() && value.length() <= 10 && value.chars().allMatch(c -> c >= '0' && c <= '9');
    }
}
