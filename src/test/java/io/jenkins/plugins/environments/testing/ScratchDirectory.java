package io.jenkins.plugins.environments.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * A temporary directory that is deleted, with everything below it, when closed.
 *
 * <p>Fixtures use it for state that must not outlive them (registry storage, sandbox home folders, bare
 * repositories). It is created under {@code java.io.tmpdir}, never under the user's home folder.
 */
public final class ScratchDirectory implements AutoCloseable {

    private final Path path;

    private ScratchDirectory(Path path) {
        this.path = path;
    }

    /**
     * Creates a new, empty temporary directory.
     *
     * @param prefix a short name that shows which fixture owns the directory
     * @return the directory, to be closed by the caller
     */
    public static ScratchDirectory create(String prefix) {
        try {
            return new ScratchDirectory(Files.createTempDirectory(prefix + "-").toAbsolutePath());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create a temporary directory for " + prefix, e);
        }
    }

    /**
     * Creates a new, empty directory inside {@code parent}, for example to stage files on the same file system as
     * their final location so that they can be renamed into place atomically.
     *
     * @param parent an existing directory
     * @param prefix the start of the new directory's name
     * @return the directory, to be closed by the caller
     */
    public static ScratchDirectory createIn(Path parent, String prefix) {
        try {
            return new ScratchDirectory(
                    Files.createTempDirectory(parent, prefix + "-").toAbsolutePath());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create a temporary directory in " + parent, e);
        }
    }

    /** @return the absolute path of the directory */
    public Path path() {
        return path;
    }

    /**
     * Creates (if needed) and returns a sub-directory.
     *
     * @param relative a relative path below this directory
     * @return the absolute path of the sub-directory
     */
    public Path subdirectory(String relative) {
        try {
            return Files.createDirectories(path.resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create " + path.resolve(relative), e);
        }
    }

    /** Deletes the directory and everything in it; a directory that is already gone is not an error. */
    @Override
    public void close() {
        deleteRecursively(path);
    }

    /**
     * Deletes a file or a directory tree. Symbolic links are removed, never followed.
     *
     * @param root the file or directory to delete
     */
    static void deleteRecursively(Path root) {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    if (e instanceof NoSuchFileException) {
                        return FileVisitResult.CONTINUE;
                    }
                    throw e;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    if (e != null && !(e instanceof NoSuchFileException)) {
                        throw e;
                    }
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete " + root, e);
        }
    }
}
