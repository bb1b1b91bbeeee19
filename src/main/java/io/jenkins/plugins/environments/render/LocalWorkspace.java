package io.jenkins.plugins.environments.render;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** {@link Workspace} on a local folder, with java.nio. */
public final class LocalWorkspace implements Workspace {

    private final Path root;

    public LocalWorkspace(Path root) {
        try {
            this.root = root.toAbsolutePath().normalize().toRealPath();
        } catch (IOException e) {
            throw new RenderException("workspace root does not exist: " + root, e);
        }
    }

    @Override
    public String root() {
        return root.toString();
    }

    @Override
    public String resolve(String relativePath) {
        return check(relativePath).toString();
    }

    @Override
    public String readText(String relativePath) {
        Path file = check(relativePath);
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new RenderException("cannot read " + relativePath + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<String> listFiles(String relativeFolder) {
        Path folder = check(relativeFolder);
        if (!Files.isDirectory(folder)) {
            throw new RenderException("not a folder: " + relativeFolder);
        }
        try (Stream<Path> children = Files.list(folder)) {
            // a link counts as a file when it leads to one; where it leads is checked when the file is read
            return children.filter(p -> Files.isRegularFile(p))
                    .map(p -> p.getFileName().toString())
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new RenderException("cannot list " + relativeFolder + ": " + e.getMessage(), e);
        }
    }

    @Override
    public PathKind kind(String relativePath) {
        Path path = root.resolve(WorkspacePaths.check(relativePath)).normalize();
        if (path.equals(root)) {
            return PathKind.FOLDER;
        }
        if (!path.getParent().equals(root)) {
            check(root.relativize(path.getParent()).toString());
        }
        if (Files.isSymbolicLink(path)) {
            Path real;
            try {
                real = path.toRealPath();
            } catch (IOException e) {
                return PathKind.LINK_BROKEN;
            }
            if (!real.startsWith(root)) {
                return PathKind.LINK_OUTSIDE;
            }
            return Files.isDirectory(real) ? PathKind.LINK_TO_FOLDER : PathKind.LINK_TO_FILE;
        }
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        return Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS) ? PathKind.FOLDER : PathKind.FILE;
    }

    @Override
    public List<String> list(String relativeFolder) {
        Path folder = check(relativeFolder);
        try (Stream<Path> children = Files.list(folder)) {
            return children.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new RenderException("cannot list " + relativeFolder + ": " + e.getMessage(), e);
        }
    }

    public String writeTemporaryFiles(Map<String, String> files) {
        try {
            Path parent = Files.createDirectories(temporaryRoot());
            Path folder = Files.createTempDirectory(parent, "files");
            try {
                for (Map.Entry<String, String> file : files.entrySet()) {
                    Files.writeString(
                            folder.resolve(plainName(file.getKey())), file.getValue(), StandardCharsets.UTF_8);
                }
            } catch (IOException | RuntimeException e) {
                deleteTemporaryFiles(folder.toString());
                throw e;
            }
            return folder.toString();
        } catch (IOException e) {
            throw new RenderException("cannot write temporary files beside the workspace: " + e.getMessage(), e);
        }
    }

    @Override
    public void deleteTemporaryFiles(String folder) {
        Path path = Path.of(folder);
        if (!temporaryRoot().equals(path.getParent())) {
            throw new IllegalArgumentException("not a temporary folder of this workspace: " + folder);
        }
        try (Stream<Path> all = Files.walk(path)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new RenderException("cannot delete temporary files " + folder + ": " + e.getMessage(), e);
        }
    }

    /** The folder beside the workspace that Jenkins also uses for a build's temporary files. */
    private Path temporaryRoot() {
        return root.resolveSibling(root.getFileName() + "@tmp");
    }

    private static String plainName(String name) {
        if (name.isEmpty() || name.contains("/") || name.contains("\\") || name.startsWith(".")) {
            throw new IllegalArgumentException("not a plain file name: " + name);
        }
        return name;
    }

    private Path check(String relativePath) {
        Path candidate = root.resolve(WorkspacePaths.check(relativePath)).normalize();
        Path existing = candidate;
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        if (existing != null) {
            Path real;
            try {
                real = existing.toRealPath();
            } catch (IOException e) {
                throw WorkspacePaths.throughLink(relativePath);
            }
            if (!real.startsWith(root)) {
                throw WorkspacePaths.throughLink(relativePath);
            }
        }
        return candidate;
    }

    @Override
    public List<String> listTree(String relativeFolder) {
        Path folder = check(relativeFolder);
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .map(p -> folder.relativize(p).toString().replace('\\', '/'))
                    .limit(MAX_TREE_FILES)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new RenderException("cannot list " + relativeFolder + ": " + e.getMessage(), e);
        }
    }
}
