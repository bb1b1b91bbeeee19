package io.jenkins.plugins.environments.registry;

import io.jenkins.plugins.environments.dashboard.DriftReadException;
import io.jenkins.plugins.environments.dashboard.DriftTarget;
import io.jenkins.plugins.environments.dashboard.LiveDigestReader;
import io.jenkins.plugins.environments.model.Deadline;
import io.jenkins.plugins.environments.model.Durations;
import io.jenkins.plugins.environments.model.ImageReference;
import io.jenkins.plugins.environments.model.InvalidConfigurationException;
import io.jenkins.plugins.environments.model.Redaction;
import io.jenkins.plugins.environments.model.Registry;
import io.jenkins.plugins.environments.model.Timeouts;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What a {@code registry} cell really holds: the digest its tag points to now, asked with one {@code HEAD} of the
 * tag's manifest ({@link RegistryClient#headManifest}); {@code null} when the registry has no such tag. The registry is
 * the configured one that serves the repository's host, reached with its configured credentials.
 *
 * <p>Every request is bounded by the session's connect and idle timeouts and by the deadline. Failures name the
 * registry by its id, never its host or the credentials id.
 */
public final class TagDigestReader implements LiveDigestReader {

    /** The access to a configured registry, with its credentials. */
    @FunctionalInterface
    public interface Accesses {
        /**
         * @return the access, which the reader closes
         * @throws DriftReadException with a message fit for the page, when the registry cannot be used
         */
        RegistryAccess open(Registry registry) throws Exception;
    }

    private final Supplier<List<Registry>> registries;
    private final Accesses accesses;
    private final Timeouts timeouts;

    /** A reader with the {@linkplain Timeouts#configured() configured timeouts}. */
    public TagDigestReader(List<Registry> registries, Accesses accesses) {
        this(registries, accesses, Timeouts.configured());
    }

    public TagDigestReader(List<Registry> registries, Accesses accesses, Timeouts timeouts) {
        this(fixed(registries), accesses, timeouts);
    }

    private static Supplier<List<Registry>> fixed(List<Registry> registries) {
        List<Registry> copy = List.copyOf(registries);
        return () -> copy;
    }

    /**
     * A reader of the registries configured at the time of each read.
     *
     * @param registries the configured registries, asked at each read
     */
    public TagDigestReader(Supplier<List<Registry>> registries, Accesses accesses, Timeouts timeouts) {
        this.registries = Objects.requireNonNull(registries, "registries");
        this.accesses = Objects.requireNonNull(accesses, "accesses");
        this.timeouts = Objects.requireNonNull(timeouts, "timeouts");
    }

    @Override
    public String liveDigest(DriftTarget target, Deadline deadline) throws DriftReadException {
        if (target.repository() == null || target.tag() == null) {
            throw new DriftReadException(target.describe() + " names no repository and tag to look at");
        }
        ImageReference image;
        try {
            image = ImageReference.parse("repository", target.repository() + ":" + target.tag());
        } catch (InvalidConfigurationException e) {
            throw new DriftReadException(target.describe() + " names a repository or tag that is not valid");
        }
        Registry registry = registries.get().stream()
                .filter(r -> image.isServedBy(r.host()))
                .findFirst()
                .orElseThrow(() ->
                        new DriftReadException("no configured registry serves the repository of " + target.describe()));
        String where = "registry '" + registry.id() + "'";
        if (deadline.expired()) {
            throw new DriftReadException(where + " was not asked: the read's time of "
                    + Durations.format(deadline.total()) + " had run out");
        }
        RegistryAccess access;
        try {
            access = accesses.open(registry);
        } catch (DriftReadException e) {
            throw e;
        } catch (Exception e) {
            throw new DriftReadException(
                    where + " could not be opened (" + e.getClass().getSimpleName() + ")");
        }
        try (access;
                RegistrySession session = new RegistrySession(access, timeouts).within(deadline)) {
            Optional<RegistryClient.ManifestHead> head =
                    new RegistryClient(session).headManifest(image.repository(), image.tag());
            return head.map(h -> h.digest().value()).orElse(null);
        } catch (RegistryStallException e) {
            throw new DriftReadException(where + " did not answer within " + Durations.format(deadline.total()));
        } catch (RegistryAccessException e) {
            throw new DriftReadException(withoutAddress(e.getMessage(), access, registry, where));
        } catch (RuntimeException e) {
            throw new DriftReadException(
                    where + " could not be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** Registry messages name the registry's host and credentials; the page names the registry by its id only. */
    private static String withoutAddress(String message, RegistryAccess access, Registry registry, String where) {
        String text = message == null ? where + " could not be read" : message;
        text = text.replace(access.describe(), where)
                .replace(access.baseUri().toString(), where)
                .replace(registry.host(), registry.id());
        if (text.startsWith(where + ": " + where)) {
            text = text.substring(where.length() + 2);
        }
        List<Object> hidden = new ArrayList<>();
        hidden.add(access.credentialsId());
        return access.redaction().and(Redaction.of(hidden)).applyLine(text);
    }
}
