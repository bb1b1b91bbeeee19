package io.jenkins.plugins.environments.jenkins;

import hudson.model.Item;
import hudson.model.Job;
import io.jenkins.plugins.environments.dashboard.Visibility;
import io.jenkins.plugins.environments.model.AllowedJobs;
import io.jenkins.plugins.environments.model.Environment;
import io.jenkins.plugins.environments.model.EnvironmentsConfiguration;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jenkins.model.Jenkins;
import org.springframework.security.access.AccessDeniedException;

/**
 * What the user of one request may see on the dashboard, asked of Jenkins' permissions: a build when they have
 * Item/Read on its job; an environment when they may read at least one job that the environment's allowed jobs
 * permit, or when they are an administrator. Answers are kept for the request, so that each job and environment is
 * looked up once. Not thread-safe: one instance per request.
 */
final class JenkinsVisibility implements Visibility {

    private final Map<String, Environment> environments = new HashMap<>();
    private final boolean administrator;
    private final Map<String, Boolean> jobs = new HashMap<>();
    private final Map<String, Boolean> environmentAnswers = new HashMap<>();

    private JenkinsVisibility(EnvironmentsConfiguration config, boolean administrator) {
        for (Environment environment : config.environments()) {
            environments.put(environment.name(), environment);
        }
        this.administrator = administrator;
    }

    /** @return what the user of the current request may see */
    static JenkinsVisibility ofCurrentUser(EnvironmentsConfiguration config) {
        return new JenkinsVisibility(config, Jenkins.get().hasPermission(Jenkins.ADMINISTER));
    }

    @Override
    public boolean canSeeBuild(String buildUrl) {
        String job = jobFullName(buildUrl);
        if (job == null) {
            return administrator;
        }
        return jobs.computeIfAbsent(job, JenkinsVisibility::canReadJob);
    }

    @Override
    public boolean canSeeEnvironment(String environment) {
        if (administrator) {
            return true;
        }
        return environmentAnswers.computeIfAbsent(environment, this::canReadAJobAllowedIn);
    }

    private boolean canReadAJobAllowedIn(String name) {
        Environment environment = environments.get(name);
        if (environment == null) {
            return false; // no longer configured: its allowed jobs are unknown
        }
        AllowedJobs allowed = environment.jobAccess();
        if (allowed.isEmpty()) {
            return false;
        }
        // allItems lists only the items the current user may read
        return Jenkins.get()
                .allItems(Job.class, job -> allowed.permits(job.getFullName()))
                .iterator()
                .hasNext();
    }

    private static boolean canReadJob(String fullName) {
        try {
            Job<?, ?> job = Jenkins.get().getItemByFullName(fullName, Job.class);
            return job != null && job.hasPermission(Item.READ);
        } catch (AccessDeniedException e) {
            return false; // may discover the job but not read it
        }
    }

    /**
     * The full name of the job of a build or job URL relative to the Jenkins root.
     *
     * @param url such as {@code job/payments/job/main/42/}, {@code job/payments/job/PR-7/} or {@code job/a%20b/3/}
     * @return such as {@code payments/main}, {@code payments/PR-7} or {@code a b}; {@code null} when the URL does not
     *     start with {@code job/<name>/}
     */
    static String jobFullName(String url) {
        if (url == null) {
            return null;
        }
        String[] segments = url.split("/");
        List<String> names = new ArrayList<>();
        int i = 0;
        while (i + 1 < segments.length && segments[i].equals("job") && !segments[i + 1].isEmpty()) {
            String name = decode(segments[i + 1]);
            if (name == null || name.equals(".") || name.equals("..") || name.contains("/")) {
                return null;
            }
            names.add(name);
            i += 2;
        }
        return names.isEmpty() ? null : String.join("/", names);
    }

    private static String decode(String segment) {
        try {
            return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
