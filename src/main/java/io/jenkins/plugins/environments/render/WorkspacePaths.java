package io.jenkins.plugins.environments.render;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * The rules every workspace path given by a pipeline must follow before any file is touched: not empty, no NUL,
 * control characters or backslashes, relative, and not leaving the workspace by {@code ..}. Whether it leaves through
 * a symbolic link can only be told where the files are; each {@link Workspace} checks that itself.
 */
public final class WorkspacePaths {

    private static final Path ANCHOR = Path.of("/workspace");

    private WorkspacePaths() {}

    /**
     * @return the path with {@code .} and {@code ..} resolved, still relative
     * @throws RenderException naming the rule the path breaks, with control characters shown as {@code ?}
     */
    public static String check(String relativePath) {
        String shown = shown(relativePath);
        if (relativePath == null || relativePath.isBlank()) {
            throw new RenderException("path must not be empty");
        }
        if (relativePath.indexOf('\0') >= 0) {
            throw new RenderException("path must not contain NUL characters: " + shown);
        }
        if (relativePath.chars().anyMatch(Character::isISOControl)) {
            throw new RenderException("path must not contain control characters: " + shown);
        }
        if (relativePath.indexOf('\\') >= 0) {
            throw new RenderException("path must not contain backslashes: " + shown);
        }
        if (relativePath.startsWith("/") || relativePath.startsWith("~")) {
            throw new RenderException("path must be relative to the workspace: " + shown);
        }
        Path candidate = normalized(relativePath);
        if (!candidate.startsWith(ANCHOR)) {
            throw new RenderException("path leaves the workspace: " + shown);
        }
        return candidate.equals(ANCHOR) ? "." : ANCHOR.relativize(candidate).toString();
    }

    /** @return whether a relative path climbs above the workspace by {@code ..} */
    static boolean climbsOut(String relativePath) {
        return !normalized(relativePath).startsWith(ANCHOR);
    }

    private static Path normalized(String relativePath) {
        try {
            return ANCHOR.resolve(relativePath).normalize();
        } catch (InvalidPathException e) {
            throw new RenderException("path is not valid: " + shown(relativePath));
        }
    }

    /** @return the path for a message: control characters as {@code ?} */
    static String shown(String relativePath) {
        return relativePath == null ? "" : relativePath.replaceAll("\\p{Cntrl}", "?");
    }

    /** @throws RenderException saying that the path leaves the workspace through a symbolic link */
    static RenderException throughLink(String relativePath) {
        return new RenderException("path leaves the workspace through a symbolic link: " + shown(relativePath));
    }
}
