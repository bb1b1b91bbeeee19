package io.jenkins.plugins.environments.render;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
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
            return children.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .map(p -> p.getFileName().toString())
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new RenderException("cannot list " + relativeFolder + ": " + e.getMessage(), e);
        }
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
}
