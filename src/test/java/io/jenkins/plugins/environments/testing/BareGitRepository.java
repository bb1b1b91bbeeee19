package io.jenkins.plugins.environments.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * A bare Git repository in a temporary folder, playing the part of a remote that tests clone from and push to.
 *
 * <p>It is created with JGit, {@code HEAD} points at {@code refs/heads/main}, and {@code main} holds one commit
 * ("Initial commit") with the files given to {@link #create(Map)}. {@link #uri()} is a {@code file://} URI that
 * both JGit and the {@code git} command line accept. {@link #readFile(String)} and {@link #log()} read the current
 * tip of {@code main}, so assertions see whatever was pushed last. {@link #commit(String, Map)} and its siblings play
 * another user pushing to it, and {@link #git(String...)} runs the {@code git} command line against it.
 *
 * <p>Creating one installs {@link JGitIsolation}, so JGit in the test JVM neither reads nor writes the user's Git
 * configuration. Closing deletes the folder.
 */
public final class BareGitRepository implements AutoCloseable {

    /** The branch that is seeded and that {@code HEAD} points to. */
    public static final String MAIN = "main";

    private final ScratchDirectory scratch;
    private final Path directory;

    private BareGitRepository(ScratchDirectory scratch, Path directory) {
        this.scratch = scratch;
        this.directory = directory;
    }

    /**
     * Creates the bare repository and commits {@code files} to {@code main}.
     *
     * @param files file path (with {@code /} separators, relative to the repository root) to UTF-8 content
     * @return the repository, to be closed by the caller
     */
    public static BareGitRepository create(Map<String, String> files) {
        JGitIsolation.install();
        ScratchDirectory scratch = ScratchDirectory.create("bare-git");
        Path directory = scratch.path().resolve("remote.git");
        try (Git git = Git.init()
                .setBare(true)
                .setInitialBranch(MAIN)
                .setDirectory(directory.toFile())
                .call()) {
            seed(git.getRepository(), files);
            return new BareGitRepository(scratch, directory);
        } catch (GitAPIException | IOException | RuntimeException e) {
            scratch.close();
            throw new IllegalStateException("Could not create the bare repository", e);
        }
    }

    /** @return the {@code file://} URI of the repository */
    public URI uri() {
        return directory.toUri();
    }

    /** @return the repository's directory (the one holding {@code HEAD}, {@code objects}, {@code refs}) */
    public Path directory() {
        return directory;
    }

    /** @return the full id of the commit {@code main} points to */
    public String mainCommitId() {
        try (Repository repository = open()) {
            return requireMain(repository).name();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param path a file path relative to the repository root, with {@code /} separators
     * @return the file's content (UTF-8) at the tip of {@code main}, or empty if the file does not exist there
     */
    public Optional<String> readFile(String path) {
        try (Repository repository = open();
                RevWalk walk = new RevWalk(repository)) {
            RevCommit tip = walk.parseCommit(requireMain(repository));
            try (TreeWalk tree = TreeWalk.forPath(repository, path, tip.getTree())) {
                if (tree == null) {
                    return Optional.empty();
                }
                byte[] bytes =
                        repository.open(tree.getObjectId(0), Constants.OBJ_BLOB).getBytes();
                return Optional.of(new String(bytes, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the subject lines of the commits reachable from {@code main}, newest first */
    public List<String> log() {
        try (Repository repository = open();
                Git git = new Git(repository)) {
            List<String> subjects = new ArrayList<>();
            for (RevCommit commit : git.log().add(requireMain(repository)).call()) {
                subjects.add(commit.getShortMessage());
            }
            return subjects;
        } catch (IOException | GitAPIException e) {
            throw new IllegalStateException("Could not read the log of " + MAIN, e);
        }
    }

    /**
     * Commits text files on top of {@code main}, as another user pushing to the remote would: files not named keep
     * their content.
     *
     * @param message the commit message
     * @param files file path (with {@code /} separators) to UTF-8 content
     * @return the new commit's full id, which {@code main} now points to
     */
    public String commit(String message, Map<String, String> files) {
        Map<String, Blob> blobs = new TreeMap<>();
        files.forEach((path, text) ->
                blobs.put(path, new Blob(FileMode.REGULAR_FILE, text.getBytes(StandardCharsets.UTF_8))));
        return commitBlobs(message, blobs);
    }

    /**
     * Commits one file with arbitrary bytes on top of {@code main}.
     *
     * @return the new commit's full id
     */
    public String commitBytes(String message, String path, byte[] content) {
        return commitBlobs(message, Map.of(path, new Blob(FileMode.REGULAR_FILE, content)));
    }

    /**
     * Commits a symbolic link on top of {@code main}.
     *
     * @param path where the link is, relative to the repository root
     * @param target what it points to, as {@code ln -s} would write it
     * @return the new commit's full id
     */
    public String commitSymbolicLink(String message, String path, String target) {
        return commitBlobs(message, Map.of(path, new Blob(FileMode.SYMLINK, target.getBytes(StandardCharsets.UTF_8))));
    }

    /**
     * Runs the {@code git} command line against this repository ({@code git --git-dir=<directory> arguments…}), with
     * a home folder of its own and no system configuration: the independent oracle for what JGit wrote.
     *
     * @return exit code and output; a non-zero exit code is not an error here
     */
    public IsolatedProcess.Result git(String... arguments) {
        Path git = IsolatedProcess.requireOnPath("git", "git");
        List<String> command = new ArrayList<>(List.of(git.toString(), "--git-dir=" + directory));
        command.addAll(List.of(arguments));
        Path sandbox = scratch.subdirectory("git-cli");
        return IsolatedProcess.run(
                command, sandbox, sandbox, Map.of("GIT_CONFIG_NOSYSTEM", "1"), Duration.ofSeconds(60));
    }

    private record Blob(FileMode mode, byte[] content) {}

    private String commitBlobs(String message, Map<String, Blob> files) {
        try (Repository repository = open()) {
            return commitOnMain(repository, files, new PersonIdent("Another Pusher", "other@example.invalid"), message);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes the repository folder. */
    @Override
    public void close() {
        scratch.close();
    }

    private Repository open() throws IOException {
        return new FileRepositoryBuilder()
                .setGitDir(directory.toFile())
                .setMustExist(true)
                .build();
    }

    private static ObjectId requireMain(Repository repository) throws IOException {
        ObjectId id = repository.resolve(Constants.R_HEADS + MAIN);
        if (id == null) {
            throw new IllegalStateException("The bare repository has no branch " + MAIN);
        }
        return id;
    }

    /** Writes blobs, one tree and a root commit directly into the object database, then points main at it. */
    private static void seed(Repository repository, Map<String, String> files) throws IOException {
        Map<String, Blob> blobs = new TreeMap<>();
        files.forEach((path, text) ->
                blobs.put(path, new Blob(FileMode.REGULAR_FILE, text.getBytes(StandardCharsets.UTF_8))));
        commitOnMain(
                repository, blobs, new PersonIdent("Environments Test", "fixtures@example.invalid"), "Initial commit");
    }

    /**
     * Writes the files, a tree and a commit straight into the object database, on top of {@code main} if it exists
     * (files not named keep their content), then moves {@code main} to the commit.
     *
     * @return the commit's full id
     */
    private static String commitOnMain(Repository repository, Map<String, Blob> files, PersonIdent who, String message)
            throws IOException {
        try (ObjectInserter inserter = repository.newObjectInserter();
                ObjectReader reader = repository.newObjectReader();
                RevWalk walk = new RevWalk(repository)) {
            ObjectId main = repository.resolve(Constants.R_HEADS + MAIN);
            RevCommit parent = main == null ? null : walk.parseCommit(main);
            DirCache index = parent == null ? DirCache.newInCore() : DirCache.read(reader, parent.getTree());
            DirCacheEditor editor = index.editor();
            for (Map.Entry<String, Blob> file : files.entrySet()) {
                ObjectId blob =
                        inserter.insert(Constants.OBJ_BLOB, file.getValue().content());
                editor.add(new DirCacheEditor.PathEdit(file.getKey()) {
                    @Override
                    public void apply(DirCacheEntry entry) {
                        entry.setFileMode(file.getValue().mode());
                        entry.setObjectId(blob);
                    }
                });
            }
            editor.finish();
            CommitBuilder commit = new CommitBuilder();
            commit.setTreeId(index.writeTree(inserter));
            if (parent != null) {
                commit.setParentId(parent);
            }
            commit.setAuthor(who);
            commit.setCommitter(who);
            commit.setMessage(message + "\n");
            ObjectId commitId = inserter.insert(commit);
            inserter.flush();

            RefUpdate update = repository.updateRef(Constants.R_HEADS + MAIN);
            update.setNewObjectId(commitId);
            update.setExpectedOldObjectId(parent == null ? ObjectId.zeroId() : parent);
            RefUpdate.Result result = update.update();
            if (result != RefUpdate.Result.NEW && result != RefUpdate.Result.FAST_FORWARD) {
                throw new IllegalStateException("Could not move " + MAIN + ": " + result);
            }
            return commitId.name();
        }
    }
}
