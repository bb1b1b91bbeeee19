package io.jenkins.plugins.environments.jenkins;

/**
 * The tag of tests that need Jenkins itself: a running instance ({@code @WithJenkins}) or Jenkins' real classes. The
 * Central-only build compiles them against stand-ins and leaves them out of its run; the real build runs them.
 */
public final class LiveJenkinsTag {

    public static final String TAG = "live-jenkins";

    private LiveJenkinsTag() {}
}
