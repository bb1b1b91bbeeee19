package io.jenkins.plugins.environments.registry;

import java.io.IOException;
import java.io.InputStream;

/**
 * A request body that is streamed rather than held in memory, such as a layer read from another registry. A session
 * may send a request twice (once more after authenticating), so the body can be opened more than once; each stream it
 * opens is read at most once and closed by the session.
 */
public interface RequestBody {

    /** @return the number of bytes every stream holds, sent as {@code Content-Length}; or -1 when unknown */
    long length();

    /**
     * Opens the bytes. Called on the thread that sends the request, before the request is sent.
     *
     * @throws IOException if the bytes cannot be read
     * @throws RegistryAccessException if the bytes come from a registry that fails
     */
    InputStream open() throws IOException, RegistryAccessException;
}
