package io.jenkins.plugins.environments.gitops;

import io.jenkins.plugins.environments.dashboard.DriftReadException;
import io.jenkins.plugins.environments.dashboard.DriftTarget;
import io.jenkins.plugins.environments.dashboard.LiveDigestReader;
import io.jenkins.plugins.environments.model.Deadline;
import io.jenkins.plugins.environments.model.Digests;
import io.jenkins.plugins.environments.model.Durations;
import io.jenkins.plugins.environments.model.GitOpsTarget;
import io.jenkins.plugins.environments.model.ImageForm;
import io.jenkins.plugins.environments.model.Timeouts;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.errors.LargeObjectException;
import org.eclipse.jgit.errors.TransportException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.FetchConnection;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.util.FileUtils;

/**
 * What a {@code gitops} cell really holds: the digest at the target's key of its values file (or kustomization) at the
 * head of its branch, read in the target's image form ({@code sha256:…}, {@code repo@sha256:…}, {@code tag@sha256:…},
 * or the {@code digest:} of the kustomization's images entry).
 *
 * <p>Each read first asks the remote where the branch points (one ref listing). When that is the commit read last
 * time for the same file and key, the value read then is the answer; otherwise the tip alone is fetched (depth 1) into
 * a bare repository in a fresh temporary folder, with the remote handed to the transport (so neither the URL nor a
 * credential is written to disk), the file read from the commit without a checkout, and the folder deleted. Every
 * connection is bounded by the idle timeout, never longer than what is left of the deadline.
 *
 * <p>Failures name the environment's GitOps repository, never its URL or the credentials id.
 */
public final class GitValueReader implements LiveDigestReader {

    /** The largest file that is read, as for a promotion. */
    static final int MAX_FILE_BYTES = GitOpsPromotion.MAX_VALUES_FILE_BYTES;

    /** How many answers are remembered before the memory is cleared. */
    private static final int MAX_REMEMBERED = 4096;

    private static final String NO_DIGEST = "sha256:" + "0".repeat(64);

    /** The remote and credential of a target's GitOps repository. */
    @FunctionalInterface
    public interface Remotes {
        /**
         * @return the access, which the reader closes
         * @throws DriftReadException with a message fit for the page, when the remote cannot be used
         */
        GitAccess open(DriftTarget target) throws Exception;
    }

    /** The value read at one commit. */
    private record Remembered(ObjectId commit, String digest) {}

    private final Remotes remotes;
    private final Path temporaryParent;
    private final Timeouts timeouts;
    private final Map<String, Remembered> remembered = new ConcurrentHashMap<>();
    private final AtomicLong fetches = new AtomicLong();

    /**
     * @param temporaryParent the folder to fetch into, or {@code null} for {@code java.io.tmpdir}
     */
    public GitValueReader(Remotes remotes, Path temporaryParent) {
        this(remotes, temporaryParent, Timeouts.configured());
    }

    public GitValueReader(Remotes remotes, Path temporaryParent, Timeouts timeouts) {
        this.remotes = Objects.requireNonNull(remotes, "remotes");
        this.temporaryParent = temporaryParent;
        this.timeouts = Objects.requireNonNull(timeouts, "timeouts");
    }

    /** @return how many times a branch was fetched (a read that found the branch where it was fetches nothing) */
    public long fetches() {
        return fetches.get();
    }

    @Override
    public String liveDigest(DriftTarget target, Deadline deadline) throws DriftReadException {
        GitOpsTarget gitOps = target.gitOps();
        if (gitOps == null) {
            throw new DriftReadException(target.describe() + " names no GitOps file to look at");
        }
        String where = "the GitOps repository of " + target.environment();
        GitAccess access;
        try {
            access = remotes.open(target);
        } catch (DriftReadException e) {
            throw e;
        } catch (Exception e) {
            throw new DriftReadException(
                    where + " could not be opened (" + e.getClass().getSimpleName() + ")");
        }
        try (access) {
            return new Read(target, gitOps, access, deadline, where).run();
        }
    }

    /** One read of one target. */
    private final class Read {

        private final DriftTarget target;
        private final GitOpsTarget gitOps;
        private final GitAccess access;
        private final Deadline deadline;
        private final String where;
        private final String branchRef;
        private final String key;

        Read(DriftTarget target, GitOpsTarget gitOps, GitAccess access, Deadline deadline, String where) {
            this.target = target;
            this.gitOps = gitOps;
            this.access = access;
            this.deadline = deadline;
            this.where = where;
            this.branchRef = Constants.R_HEADS + gitOps.branch();
            this.key = String.join(
                    "\n",
                    gitOps.repositoryUrl(),
                    gitOps.branch(),
                    gitOps.valuesFile(),
                    String.valueOf(gitOps.digestKey()),
                    gitOps.imageForm().id(),
                    String.valueOf(target.repository()));
        }

        String run() throws DriftReadException {
            Path folder = temporaryFolder();
            try (Git git =
                    Git.init().setBare(true).setDirectory(folder.toFile()).call()) {
                Repository repository = git.getRepository();
                ObjectId tip = tip(repository);
                Remembered last = remembered.get(key);
                if (last != null && last.commit().equals(tip)) {
                    return last.digest();
                }
                RevCommit commit = fetch(repository);
                String digest = digestIn(read(repository, commit));
                if (remembered.size() >= MAX_REMEMBERED) {
                    remembered.clear();
                }
                remembered.put(key, new Remembered(commit.copy(), digest));
                return digest;
            } catch (GitAPIException | IOException e) {
                throw new DriftReadException(
                        where + " could not be read (" + e.getClass().getSimpleName() + ")");
            } catch (GitOpsException e) {
                throw new DriftReadException(withoutAddress(e.getMessage()));
            } finally {
                try {
                    FileUtils.delete(folder.toFile(), FileUtils.RECURSIVE | FileUtils.RETRY | FileUtils.SKIP_MISSING);
                } catch (IOException e) {
                    // A temporary folder left behind is no reason to fail the read.
                }
            }
        }

        private ObjectId tip(Repository repository) throws DriftReadException {
            try (Transport transport = open(repository);
                    FetchConnection connection = transport.openFetch()) {
                Ref ref = connection.getRef(branchRef);
                if (ref == null) {
                    throw new DriftReadException(where + " has no branch '" + gitOps.branch() + "'");
                }
                return ref.getObjectId();
            } catch (org.eclipse.jgit.errors.NotSupportedException e) {
                throw new DriftReadException(where + " uses a protocol that is not supported");
            } catch (TransportException e) {
                throw failed("could not be reached", e);
            }
        }

        private RevCommit fetch(Repository repository) throws DriftReadException, IOException {
            String tracking = Constants.R_REMOTES + "origin/" + gitOps.branch();
            try (Transport transport = open(repository)) {
                transport.setDepth(1);
                transport.fetch(NullProgressMonitor.INSTANCE, List.of(new RefSpec("+" + branchRef + ":" + tracking)));
                fetches.incrementAndGet();
            } catch (TransportException e) {
                throw failed("could not be fetched", e);
            }
            Ref ref = repository.exactRef(tracking);
            if (ref == null) {
                throw new DriftReadException(where + " has no branch '" + gitOps.branch() + "'");
            }
            try (RevWalk walk = new RevWalk(repository)) {
                return walk.parseCommit(ref.getObjectId());
            }
        }

        private String read(Repository repository, RevCommit commit) throws DriftReadException, IOException {
            String file = gitOps.valuesFile();
            String at = " on branch '" + gitOps.branch() + "' of " + where;
            try (TreeWalk walk = TreeWalk.forPath(repository, file, commit.getTree())) {
                if (walk == null) {
                    throw new DriftReadException("'" + file + "' does not exist" + at);
                }
                FileMode mode = walk.getFileMode(0);
                if (mode != FileMode.REGULAR_FILE && mode != FileMode.EXECUTABLE_FILE) {
                    throw new DriftReadException("'" + file + "' is not a regular file" + at);
                }
                byte[] bytes;
                try {
                    bytes = repository
                            .open(walk.getObjectId(0), Constants.OBJ_BLOB)
                            .getCachedBytes(MAX_FILE_BYTES);
                } catch (LargeObjectException e) {
                    throw new DriftReadException("'" + file + "' is larger than " + MAX_FILE_BYTES + " bytes" + at);
                }
                try {
                    return StandardCharsets.UTF_8
                            .newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(bytes))
                            .toString();
                } catch (CharacterCodingException e) {
                    throw new DriftReadException("'" + file + "' is not UTF-8 text" + at);
                }
            }
        }

        /** @return the digest the file names in the target's image form, or {@code null} when it names none */
        private String digestIn(String text) {
            String file = gitOps.valuesFile();
            String value;
            if (gitOps.imageForm() == ImageForm.KUSTOMIZE) {
                String name = gitOps.digestKey() == null ? target.repository() : gitOps.digestKey();
                if (name == null) {
                    throw new GitOpsException(target.describe() + " names no image entry to read in " + file);
                }
                // The edit that would write a digest tells what the entry refers to now.
                value = YamlValueEditor.setKustomizeImage(text, name, name, NO_DIGEST, file)
                        .previousValue();
            } else {
                value = YamlValueEditor.read(text, gitOps.digestKey(), file);
            }
            int at = value.lastIndexOf('@');
            String digest = at < 0 ? value : value.substring(at + 1);
            return Digests.isDigest(digest) ? digest : null;
        }

        private Transport open(Repository repository) throws DriftReadException, TransportException {
            if (deadline.expired()) {
                throw new DriftReadException(where + " was not read: the read's time of "
                        + Durations.format(deadline.total()) + " had run out");
            }
            Transport transport;
            try {
                transport = Transport.open(repository, access.remote());
            } catch (org.eclipse.jgit.errors.NotSupportedException e) {
                throw new DriftReadException(where + " uses a protocol that is not supported");
            }
            transport.setCredentialsProvider(access.credentialsProvider());
            long left = deadline.remaining().toSeconds();
            transport.setTimeout((int) Math.max(1, Math.min(timeouts.idleSeconds(), left)));
            return transport;
        }

        private DriftReadException failed(String what, TransportException e) {
            String message = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
            if (message.contains("time out") || message.contains("timed out") || message.contains("timeout")) {
                return new DriftReadException(where + " did not answer within " + Durations.format(deadline.total()));
            }
            if (message.contains("not authorized") || message.contains("authentication")) {
                return new DriftReadException(where + " refused the configured credentials");
            }
            if (message.contains("connection refused") || message.contains("cannot open")) {
                return new DriftReadException(where + " is unreachable (connection refused)");
            }
            return new DriftReadException(
                    where + " " + what + " (" + e.getClass().getSimpleName() + ")");
        }

        /** GitOps messages name the repository by URL; the page names it by environment. */
        private String withoutAddress(String message) {
            String text = message == null ? "" : message;
            for (String url : List.of(gitOps.repositoryUrl(), access.remote().toString())) {
                text = text.replace(url, where);
            }
            return access.redaction().applyLine(text);
        }
    }

    private Path temporaryFolder() throws DriftReadException {
        try {
            return temporaryParent == null
                    ? Files.createTempDirectory("gitops-drift-")
                    : Files.createTempDirectory(temporaryParent, "gitops-drift-");
        } catch (IOException e) {
            throw new DriftReadException("a temporary folder for reading GitOps files could not be created");
        }
    }
}
