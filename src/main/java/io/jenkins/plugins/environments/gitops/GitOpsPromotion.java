package io.jenkins.plugins.environments.gitops;

import io.jenkins.plugins.environments.model.Deadline;
import io.jenkins.plugins.environments.model.GitOpsTarget;
import io.jenkins.plugins.environments.model.ImageForm;
import io.jenkins.plugins.environments.model.Redaction;
import io.jenkins.plugins.environments.model.Timeouts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.errors.LargeObjectException;
import org.eclipse.jgit.errors.TransportException;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.FetchConnection;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.util.FileUtils;

/**
 * The GitOps promotion strategy: commits a digest into one values file (or kustomization) of an environment's GitOps
 * repository, in the target's image form ({@link ImageEdit}), and pushes it to the environment's branch, so that the
 * environment's GitOps controller rolls it out. When the target names a chart or overlay, the changed environment is
 * rendered before the push ({@link RenderCheck}) and nothing is pushed unless every container of the app's repository
 * runs the digest.
 *
 * <p>Each promotion works in a fresh temporary folder: a bare repository that fetches only the tip of the branch
 * (depth 1), with the remote given to the transport directly, so that neither the URL nor any credential is written
 * into its configuration. The values file is read from the fetched commit and edited with {@link YamlValueEditor};
 * the new blob, tree and commit are written straight into the object database. No working tree is checked out (the
 * render check writes its own copy of the files elsewhere, and never reads it back), so no line-ending conversion,
 * filter or symbolic link on disk can touch the file's bytes or lead outside the folder; a
 * values file that is a symbolic link in the repository, or lies below one, is refused.
 *
 * <p>When the push is refused because the branch moved on (someone else pushed since the fetch), the branch is
 * fetched again and the edit applied anew to its new tip, up to {@code maxAttempts} times in all. When the key
 * already holds the digest, nothing is committed. The temporary folder is deleted afterwards, whatever happened.
 *
 * <p>Every connection to the remote is bounded by the idle timeout of {@link Timeouts} (JGit's transport timeout: for
 * HTTP the connect and read timeouts of each connection, for SSH the wait for each packet), never longer than what is
 * left of the step's deadline; the deadline is checked again before each fetch and push.
 */
public final class GitOpsPromotion {

    /** How many times the branch is fetched, edited and pushed before giving up. */
    public static final int DEFAULT_MAX_ATTEMPTS = 5;

    /** The largest values file that is read, in bytes. */
    public static final int MAX_VALUES_FILE_BYTES = 4 * 1024 * 1024;

    /** A point in the work of the test suite's choosing: called after the commit is made and before it is pushed. */
    @FunctionalInterface
    interface BeforePush {
        void run(int attempt, Repository clone) throws Exception;
    }

    private final Clock clock;
    private final Path temporaryParent;
    private final int maxAttempts;
    private final BeforePush beforePush;
    private final Timeouts timeouts;

    /**
     * @param clock the time commits are dated with
     * @param temporaryParent the folder to create the temporary clone in, or {@code null} for {@code java.io.tmpdir}
     */
    public GitOpsPromotion(Clock clock, Path temporaryParent) {
        this(clock, temporaryParent, DEFAULT_MAX_ATTEMPTS, (attempt, clone) -> {});
    }

    GitOpsPromotion(Clock clock, Path temporaryParent, int maxAttempts, BeforePush beforePush) {
        this(clock, temporaryParent, maxAttempts, beforePush, Timeouts.configured());
    }

    GitOpsPromotion(Clock clock, Path temporaryParent, int maxAttempts, BeforePush beforePush, Timeouts timeouts) {
        this.timeouts = Objects.requireNonNull(timeouts, "timeouts");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.temporaryParent = temporaryParent;
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        this.maxAttempts = maxAttempts;
        this.beforePush = Objects.requireNonNull(beforePush, "beforePush");
    }

    /**
     * Commits {@code request.digest()} into {@code target.digestKey()} of {@code target.valuesFile()} and pushes it to
     * {@code target.branch()}.
     *
     * @param target where to commit; already checked when it was made
     * @param access the remote and credential; its URL must be the target's
     * @param request what to commit; already checked when it was made
     * @return what was done
     * @throws IllegalArgumentException if {@code access} is for another repository than {@code target}
     * @throws GitOpsException if the branch or values file is missing or unsuitable, the remote cannot be reached, or
     *     the push is refused
     */
    public GitOpsResult promote(GitOpsTarget target, GitAccess access, GitOpsRequest request) {
        return promote(target, access, request, null, line -> {}, Deadline.none());
    }

    /**
     * Commits the digest into the target's file in the target's image form, renders the changed environment when the
     * target names a chart or overlay, and pushes only if every container of the app's repository then runs the
     * digest; bounded by the step's deadline.
     *
     * @param site where to render; may be {@code null} only for a target that names no chart or overlay
     * @param log receives one line about the render check
     * @throws GitOpsException also when the render fails or shows a container of the repository on another image, or
     *     when the deadline passes before the push; nothing is pushed then
     * @see #promote(GitOpsTarget, GitAccess, GitOpsRequest)
     */
    public GitOpsResult promote(
            GitOpsTarget target,
            GitAccess access,
            GitOpsRequest request,
            GitOpsRenderSite site,
            Consumer<String> log,
            Deadline deadline) {
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(access, "access");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(log, "log");
        if (!access.repositoryUrl().equals(target.repositoryUrl())) {
            throw new IllegalArgumentException(Redaction.redact("The git access is for " + access.repositoryUrl()
                    + ", not for the GitOps repository " + target.repositoryUrl()));
        }
        if (request.repository() == null
                && (target.renders()
                        || target.imageForm() == ImageForm.IMAGE
                        || target.imageForm() == ImageForm.KUSTOMIZE)) {
            throw new IllegalArgumentException(
                    "image form " + target.imageForm().id() + (target.renders() ? " with a render check" : "")
                            + " needs the request's repository");
        }
        if (target.renders() && site == null) {
            throw new GitOpsException("The GitOps target renders " + quote(target.renderPath())
                    + " after the edit to check the image, with helm or kubectl on the build's agent: call"
                    + " promoteDigest inside node");
        }
        return inTemporaryRepository(
                target,
                "work on",
                repository -> new Work(
                                target,
                                access,
                                request,
                                repository,
                                new RenderCheck(target, request, site, log),
                                deadline)
                        .run());
    }

    /**
     * Reads what a promotion would change, and changes nothing: fetches the tip of the target's branch into a
     * temporary bare repository, applies the edit of {@link #promote} to the values file in memory and hands back the
     * file before and after. No commit is made, nothing is pushed, and no render is run.
     *
     * @throws GitOpsException if the branch or values file is missing or unsuitable, or the remote cannot be reached
     *     before the deadline
     */
    public GitOpsPreview preview(GitOpsTarget target, GitAccess access, GitOpsRequest request, Deadline deadline) {
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(access, "access");
        Objects.requireNonNull(request, "request");
        if (!access.repositoryUrl().equals(target.repositoryUrl())) {
            throw new IllegalArgumentException(Redaction.redact("The git access is for " + access.repositoryUrl()
                    + ", not for the GitOps repository " + target.repositoryUrl()));
        }
        return inTemporaryRepository(
                target,
                "read",
                repository -> new Work(
                                target,
                                access,
                                request,
                                repository,
                                new RenderCheck(target, request, null, line -> {}),
                                deadline)
                        .preview());
    }

    /** What is done with the temporary bare repository. */
    @FunctionalInterface
    private interface RepositoryWork<T> {
        T on(Repository repository) throws IOException;
    }

    /**
     * Runs the work on a bare repository in a temporary folder, deleted afterwards whatever happens.
     *
     * @param verb what the work does to the target, for the message of an I/O failure ("work on", "read")
     */
    private <T> T inTemporaryRepository(GitOpsTarget target, String verb, RepositoryWork<T> work) {
        Path folder = createTemporaryFolder();
        RuntimeException failure = null;
        try (Git git = Git.init().setBare(true).setDirectory(folder.toFile()).call()) {
            return work.on(git.getRepository());
        } catch (GitAPIException e) {
            failure = new GitOpsException("Could not create a temporary repository: " + e.getMessage(), e);
            throw failure;
        } catch (IOException e) {
            failure = new GitOpsException("Could not " + verb + " " + describe(target) + ": " + e.getMessage(), e);
            throw failure;
        } catch (RuntimeException e) {
            failure = e;
            throw e;
        } finally {
            delete(folder, failure);
        }
    }

    /** The state of one promotion. */
    private final class Work {

        private final GitOpsTarget target;
        private final GitAccess access;
        private final GitOpsRequest request;
        private final Repository repository;
        private final RenderCheck renderCheck;
        private final String branchRef;
        private final String trackingRef;
        private final Deadline deadline;

        Work(
                GitOpsTarget target,
                GitAccess access,
                GitOpsRequest request,
                Repository repository,
                RenderCheck renderCheck,
                Deadline deadline) {
            this.deadline = deadline;
            this.target = target;
            this.access = access;
            this.request = request;
            this.repository = repository;
            this.renderCheck = renderCheck;
            this.branchRef = Constants.R_HEADS + target.branch();
            this.trackingRef = Constants.R_REMOTES + "origin/" + target.branch();
        }

        GitOpsResult run() throws IOException {
            requireBranch();
            for (int attempt = 1; attempt <= maxAttempts; attempt++) {
                RevCommit tip = fetchTip();
                String text = readValuesFile(tip);
                ImageEdit image = ImageEdit.apply(target, request, text);
                YamlValueEditor.Edit edit = image.edit();
                if (!edit.changed()) {
                    return new GitOpsResult(
                            false, tip.name(), attempt, edit.previousValue(), "already at " + request.digest());
                }
                if (target.renders()) {
                    renderCheck.check(repository, tip, edit.text());
                }
                ObjectId commit = commit(tip, edit, image.what());
                try {
                    beforePush.run(attempt, repository);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                RemoteRefUpdate update = push(commit, tip);
                switch (update.getStatus()) {
                    case OK -> {
                        return new GitOpsResult(
                                true,
                                commit.name(),
                                attempt,
                                edit.previousValue(),
                                "set " + image.what() + " in " + target.valuesFile() + " to " + image.written()
                                        + " in commit " + commit.abbreviate(12).name());
                    }
                    case REJECTED_NONFASTFORWARD, REJECTED_REMOTE_CHANGED -> {
                        // Someone else pushed since the fetch: fetch again and redo the edit on their commit.
                    }
                    case REJECTED_OTHER_REASON -> {
                        // A push that lands between the remote's answer and the update fails to lock the branch;
                        // that is the same race. Anything else is a refusal of this push.
                        if (!branchMovedFrom(tip)) {
                            throw refused(update);
                        }
                    }
                    default -> throw refused(update);
                }
            }
            throw new GitOpsException("The push to " + describe(target) + " was refused as not fast-forward "
                    + maxAttempts + " times: others kept pushing to the branch in between; try again");
        }

        GitOpsPreview preview() throws IOException {
            requireBranch();
            RevCommit tip = fetchTip();
            String text = readValuesFile(tip);
            ImageEdit image = ImageEdit.apply(target, request, text);
            return new GitOpsPreview(
                    target.branch(),
                    tip.name(),
                    target.valuesFile(),
                    text,
                    image.edit().text(),
                    image.what(),
                    image.edit().previousValue());
        }

        private GitOpsException refused(RemoteRefUpdate update) {
            return new GitOpsException("The push to " + describe(target) + " was refused (" + update.getStatus()
                    + (update.getMessage() == null ? "" : ": " + update.getMessage()) + ")");
        }

        private boolean branchMovedFrom(RevCommit tip) {
            try (Transport transport = open();
                    FetchConnection connection = transport.openFetch()) {
                Ref now = connection.getRef(branchRef);
                return now != null && !tip.equals(now.getObjectId());
            } catch (IOException e) {
                return false;
            }
        }

        /** Lists the remote's branches once, to tell a missing branch from other problems. */
        private void requireBranch() {
            try (Transport transport = open();
                    FetchConnection connection = transport.openFetch()) {
                if (connection.getRef(branchRef) == null) {
                    throw new GitOpsException("The GitOps repository " + target.repositoryUrl() + " has no branch "
                            + quote(target.branch()));
                }
            } catch (IOException e) {
                throw new GitOpsException(
                        "Could not reach the GitOps repository " + target.repositoryUrl() + ": " + reason(e), safe(e));
            }
        }

        private RevCommit fetchTip() throws IOException {
            try (Transport transport = open()) {
                transport.setDepth(1);
                transport.fetch(
                        NullProgressMonitor.INSTANCE, List.of(new RefSpec("+" + branchRef + ":" + trackingRef)));
            } catch (TransportException e) {
                throw new GitOpsException("Could not fetch " + describe(target) + ": " + reason(e), safe(e));
            }
            Ref tracking = repository.exactRef(trackingRef);
            if (tracking == null) {
                throw new GitOpsException(
                        "The GitOps repository " + target.repositoryUrl() + " has no branch " + quote(target.branch()));
            }
            try (RevWalk walk = new RevWalk(repository)) {
                return walk.parseCommit(tracking.getObjectId());
            }
        }

        private String readValuesFile(RevCommit tip) throws IOException {
            String path = target.valuesFile();
            String[] segments = path.split("/");
            String prefix = "";
            for (int i = 0; i < segments.length; i++) {
                prefix = prefix.isEmpty() ? segments[i] : prefix + "/" + segments[i];
                boolean last = i == segments.length - 1;
                try (TreeWalk walk = TreeWalk.forPath(repository, prefix, tip.getTree())) {
                    if (walk == null) {
                        throw new GitOpsException(
                                "Values file " + quote(path) + " does not exist in " + describe(target));
                    }
                    FileMode mode = walk.getFileMode(0);
                    if (mode == FileMode.SYMLINK) {
                        throw new GitOpsException("Values file " + quote(path)
                                + (last ? " is a symbolic link" : " lies below the symbolic link " + quote(prefix))
                                + " in " + describe(target) + ": name the file itself");
                    }
                    if (!last && mode != FileMode.TREE) {
                        throw new GitOpsException("Values file " + quote(path) + " does not exist in "
                                + describe(target) + ": " + quote(prefix) + " is a file, not a folder");
                    }
                    if (last) {
                        return decode(walk.getObjectId(0), mode);
                    }
                }
            }
            throw new IllegalStateException("unreachable: the path has at least one segment");
        }

        private String decode(ObjectId blob, FileMode mode) throws IOException {
            String path = target.valuesFile();
            if (mode == FileMode.TREE) {
                throw new GitOpsException("Values file " + quote(path) + " is a folder in " + describe(target));
            }
            if (mode != FileMode.REGULAR_FILE && mode != FileMode.EXECUTABLE_FILE) {
                throw new GitOpsException(
                        "Values file " + quote(path) + " is not a regular file in " + describe(target));
            }
            byte[] bytes;
            try {
                bytes = repository.open(blob, Constants.OBJ_BLOB).getCachedBytes(MAX_VALUES_FILE_BYTES);
            } catch (LargeObjectException e) {
                throw new GitOpsException("Values file " + quote(path) + " is larger than " + MAX_VALUES_FILE_BYTES
                        + " bytes in " + describe(target));
            }
            try {
                return StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes))
                        .toString();
            } catch (CharacterCodingException e) {
                throw new GitOpsException("Values file " + quote(path) + " is not UTF-8 text in " + describe(target));
            }
        }

        /** Writes the edited file, its tree and a commit on top of {@code tip}, all straight into the object database. */
        private ObjectId commit(RevCommit tip, YamlValueEditor.Edit edit, String what) throws IOException {
            try (ObjectInserter inserter = repository.newObjectInserter();
                    ObjectReader reader = repository.newObjectReader()) {
                ObjectId blob = inserter.insert(Constants.OBJ_BLOB, edit.text().getBytes(StandardCharsets.UTF_8));
                DirCache index = DirCache.read(reader, tip.getTree());
                DirCacheEditor editor = index.editor();
                editor.add(new DirCacheEditor.PathEdit(target.valuesFile()) {
                    @Override
                    public void apply(DirCacheEntry entry) {
                        entry.setObjectId(blob); // the file mode stays as it was
                    }
                });
                editor.finish();
                Instant now = clock.instant();
                CommitBuilder commit = new CommitBuilder();
                commit.setTreeId(index.writeTree(inserter));
                commit.setParentId(tip);
                commit.setAuthor(person(request.author(), now));
                commit.setCommitter(person(request.committer(), now));
                commit.setEncoding(StandardCharsets.UTF_8);
                commit.setMessage(request.commitMessage(what, target.valuesFile(), edit.previousValue()));
                ObjectId id = inserter.insert(commit);
                inserter.flush();
                return id;
            }
        }

        private PersonIdent person(GitIdentity identity, Instant when) {
            return new PersonIdent(identity.name(), identity.email(), when, clock.getZone());
        }

        private RemoteRefUpdate push(ObjectId commit, RevCommit tip) throws IOException {
            try (Transport transport = open()) {
                RemoteRefUpdate update =
                        new RemoteRefUpdate(repository, null, commit, branchRef, false, null, tip.copy());
                PushResult result = transport.push(NullProgressMonitor.INSTANCE, List.of(update));
                return result.getRemoteUpdate(branchRef);
            } catch (TransportException e) {
                throw new GitOpsException("Could not push to " + describe(target) + ": " + reason(e), safe(e));
            }
        }

        /**
         * JGit starts its transport messages with the remote's URL, which the messages here already name. The rest
         * may echo what the remote answered, so it is redacted with the credential's password.
         */
        private String reason(IOException e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            for (String url : List.of(target.repositoryUrl(), access.remote().toString())) {
                if (message.startsWith(url + ": ")) {
                    message = message.substring(url.length() + 2);
                    break;
                }
            }
            return access.redaction().applyLine(message);
        }

        /** @return the JGit exception, or a redacted copy of it if it echoes the password, a token or user info */
        private Throwable safe(IOException e) {
            return access.redaction().apply(e);
        }

        private Transport open() throws TransportException {
            if (deadline.expired()) {
                throw new GitOpsException("The GitOps repository " + target.repositoryUrl() + ": " + deadline.describe()
                        + " ran out before the work was done; nothing was pushed");
            }
            try {
                Transport transport = Transport.open(repository, access.remote());
                transport.setCredentialsProvider(access.credentialsProvider());
                long left = deadline.remaining().toSeconds();
                transport.setTimeout((int) Math.max(1, Math.min(timeouts.idleSeconds(), left)));
                return transport;
            } catch (org.eclipse.jgit.errors.NotSupportedException e) {
                throw new GitOpsException(
                        "The GitOps repository " + target.repositoryUrl() + " uses a protocol that is not supported",
                        e);
            }
        }
    }

    private Path createTemporaryFolder() {
        try {
            return temporaryParent == null
                    ? Files.createTempDirectory("gitops-")
                    : Files.createTempDirectory(temporaryParent, "gitops-");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create a temporary folder for the GitOps clone", e);
        }
    }

    /** Deletes the temporary clone; a failure to do so is reported, but never hides the failure of the work. */
    private static void delete(Path folder, RuntimeException failure) {
        try {
            FileUtils.delete(folder.toFile(), FileUtils.RECURSIVE | FileUtils.RETRY | FileUtils.SKIP_MISSING);
        } catch (IOException e) {
            UncheckedIOException problem =
                    new UncheckedIOException("Could not delete the temporary GitOps clone " + folder, e);
            if (failure == null) {
                throw problem;
            }
            failure.addSuppressed(problem);
        }
    }

    private static String describe(GitOpsTarget target) {
        return "branch " + quote(target.branch()) + " of " + target.repositoryUrl();
    }

    private static String quote(String value) {
        return "'" + value + "'";
    }
}
