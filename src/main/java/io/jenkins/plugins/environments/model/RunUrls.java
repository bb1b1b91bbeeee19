package io.jenkins.plugins.environments.model;

/**
 * The one rule for the build URLs the ledger keeps. Steps record what Jenkins gave them: a run's URL relative to
 * the Jenkins root ({@code job/shop/job/main/7/}) or the absolute {@code BUILD_URL}
 * ({@code https://ci.example.com/jenkins/job/shop/job/main/7/}). Whoever compares such a URL with a run, or shows it,
 * first turns it into the relative form here, so that both forms name the same run and no host reaches a page.
 */
public final class RunUrls {

    private static final String JOB = "job/";

    private RunUrls() {}

    /**
     * @param url a build or job URL, relative or absolute; may be {@code null}
     * @return the URL relative to the Jenkins root, starting with {@code job/}: the part of an absolute URL from its
     *     first {@code /job/} segment; {@code null} when the URL names no job
     */
    public static String relative(String url) {
        if (Names.isBlank(url)) {
            return null;
        }
        if (url.startsWith(JOB)) {
            return url;
        }
        if (!url.startsWith("http://") && !url.startsWith("https://")) {
            return null;
        }
        int job = url.indexOf("/" + JOB);
        return job < 0 ? null : url.substring(job + 1);
    }

    /**
     * @param recorded a build URL as the ledger has it, relative or absolute
     * @param runUrl a run's URL relative to the Jenkins root, as {@code Run.getUrl()} gives it
     * @return whether both name the same run
     */
    public static boolean sameRun(String recorded, String runUrl) {
        String relative = relative(recorded);
        return relative != null && relative.equals(runUrl);
    }
}
