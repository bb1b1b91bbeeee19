package io.jenkins.plugins.environments.jenkins;

import hudson.model.Cause;
import hudson.model.Run;
import hudson.model.User;
import hudson.scm.ChangeLogSet;
import io.jenkins.plugins.environments.approval.Authorship;
import java.util.ArrayList;
import java.util.List;
import jenkins.scm.RunWithSCM;

/**
 * A Jenkins run as {@link Authorship} reads it: the "started by user" causes, the upstream causes (the upstream run
 * when it can still be read, else the causes the cause kept of it), the change log's commits and the job's previous
 * build. Jenkins core tells a commit's author as a Jenkins user (its id and full name) and says nothing of the
 * committer, so the committer is left unknown here; the author's id is also taken as an e-mail address when it is
 * one, as SCM plugins that key users by address make it.
 */
record JenkinsRunView(Run<?, ?> run) implements Authorship.RunView {

    @Override
    public String url() {
        return run.getUrl();
    }

    @Override
    public List<String> startedBy() {
        return startedBy(run.getCauses());
    }

    @Override
    public List<Authorship.Upstream> upstream() {
        return upstream(run.getCauses());
    }

    @Override
    public List<Authorship.Commit> commits() {
        List<Authorship.Commit> commits = new ArrayList<>();
        if (run instanceof RunWithSCM<?, ?> withScm) {
            for (ChangeLogSet<? extends ChangeLogSet.Entry> changes : withScm.getChangeSets()) {
                for (ChangeLogSet.Entry change : changes) {
                    commits.add(new Authorship.Commit(
                            change.getCommitId(), author(change.getAuthor()), null, change.getMsg()));
                }
            }
        }
        return commits;
    }

    @Override
    public Authorship.RunView previous() {
        Run<?, ?> previous = run.getPreviousBuild();
        return previous == null ? null : new JenkinsRunView(previous);
    }

    private static Authorship.Identity author(User user) {
        if (user == null) {
            return null;
        }
        String id = user.getId();
        String fullName = user.getFullName();
        return new Authorship.Identity(id, id != null && id.contains("@") ? id : null, fullName);
    }

    private static List<String> startedBy(List<Cause> causes) {
        List<String> users = new ArrayList<>();
        for (Cause cause : causes) {
            if (cause instanceof Cause.UserIdCause user && user.getUserId() != null) {
                users.add(user.getUserId());
            }
        }
        return users;
    }

    private static List<Authorship.Upstream> upstream(List<Cause> causes) {
        List<Authorship.Upstream> upstream = new ArrayList<>();
        for (Cause cause : causes) {
            if (cause instanceof Cause.UpstreamCause.DeeplyNestedUpstreamCause) {
                upstream.add(new Authorship.Upstream(cause.getShortDescription(), null, List.of(), List.of(), true));
            } else if (cause instanceof Cause.UpstreamCause up) {
                Run<?, ?> upstreamRun = up.getUpstreamRun();
                upstream.add(
                        upstreamRun != null
                                ? Authorship.Upstream.of(new JenkinsRunView(upstreamRun))
                                : new Authorship.Upstream(
                                        up.getUpstreamUrl(),
                                        null,
                                        startedBy(up.getUpstreamCauses()),
                                        upstream(up.getUpstreamCauses()),
                                        false));
            }
        }
        return upstream;
    }
}
