package io.jenkins.plugins.environments.approval;

import io.jenkins.plugins.environments.model.Names;
import io.jenkins.plugins.environments.model.OneLine;
import java.io.Serial;
import java.io.Serializable;
import java.util.Locale;
import java.util.Objects;

/**
 * One person who had a hand in the digest: who started the run or a run upstream of it, or who authored, committed
 * or co-authored a commit it was built from. A maker is known by whatever the source says: a Jenkins user id, an
 * e-mail address, a name, or several of these; each of them makes a reviewer "self" (see {@link #matches}). Stored
 * with the request, so a plain serializable class. Every value is bounded ({@link #MAX_VALUE}) before it is kept.
 */
public final class Maker implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    /** The longest id, address, name or source kept; longer values are cut with a marker. */
    public static final int MAX_VALUE = 256;

    /** What the maker did. */
    public enum Role {
        /** Started the run that asks for approval (Build Now, Replay, Rebuild, a REST call). */
        STARTED_RUN("started this run"),
        /** Started a run upstream of it, at any depth. */
        STARTED_UPSTREAM_RUN("started upstream run"),
        /** Authored a commit between what runs in the environment and the candidate. */
        AUTHOR("authored a change"),
        /** Committed such a commit (which may differ from its author). */
        COMMITTER("committed a change"),
        /** Is named as co-author of such a commit. */
        CO_AUTHOR("co-authored a change");

        private final String verb;

        Role(String verb) {
            this.verb = verb;
        }
    }

    private final Role role;
    private final String userId;
    private final String address;
    private final String name;
    private final String source;

    private Maker(Role role, String userId, String address, String name, String source) {
        this.role = Objects.requireNonNull(role, "role");
        this.userId = kept(userId);
        this.address = kept(address);
        this.name = kept(name);
        this.source = kept(source);
        if (this.userId == null && this.address == null && this.name == null) {
            throw new IllegalArgumentException("A maker needs a user id, an e-mail address or a name");
        }
    }

    /**
     * @param userId the Jenkins user id, or {@code null}
     * @param address an e-mail address, or {@code null}
     * @param name a name as the source gives it (a commit's author name, a user's full name), or {@code null}
     * @param source where it comes from, such as {@code commit 1a2b3c4 in job/shop/5/}, or {@code null} for this run
     */
    public static Maker of(Role role, String userId, String address, String name, String source) {
        return new Maker(role, userId, address, name, source);
    }

    /** @return a maker known only by the user id, for this run */
    public static Maker user(Role role, String userId) {
        return new Maker(role, userId, null, null, null);
    }

    public Role role() {
        return role;
    }

    /** @return the Jenkins user id, or {@code null} */
    public String userId() {
        return userId;
    }

    /** @return the e-mail address, or {@code null} */
    public String address() {
        return address;
    }

    /** @return the name, or {@code null} */
    public String name() {
        return name;
    }

    /** @return where the maker comes from, or {@code null} for this run itself */
    public String source() {
        return source;
    }

    /**
     * Whether the reviewer is this maker. The user id is compared under the realm's user id rule; an e-mail address
     * or a name is compared ignoring case with the reviewer's user id and with every alias the reviewer has (the
     * addresses and names Jenkins knows for them), so an identity that maps to no Jenkins user still makes every
     * reviewer who carries it "self". A maker user id that is an e-mail address or a name is compared the same way.
     *
     * @return the identity of the maker the reviewer matched, or {@code null} when none did
     */
    String matches(Reviewer reviewer, IdRule users) {
        if (userId != null && users.same(userId, reviewer.userId())) {
            return userId;
        }
        for (String identity : new String[] {address, name, userId}) {
            if (identity == null) {
                continue;
            }
            String key = identity.strip().toLowerCase(Locale.ROOT);
            if (key.equals(reviewer.userId().strip().toLowerCase(Locale.ROOT))) {
                return identity;
            }
            for (String alias : reviewer.aliases()) {
                if (key.equals(alias.strip().toLowerCase(Locale.ROOT))) {
                    return identity;
                }
            }
        }
        return null;
    }

    /** @return what the maker did, for a refusal: {@code started this run}, {@code authored a change: commit …} */
    String describe() {
        return switch (role) {
            case STARTED_RUN -> role.verb;
            case STARTED_UPSTREAM_RUN -> role.verb + (source == null ? "" : " " + source);
            default -> role.verb + (source == null ? " in this run" : " (" + source + ")");
        };
    }

    private static String kept(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        StringBuilder shown = new StringBuilder();
        value.strip().codePoints().forEach(c -> shown.appendCodePoint(OneLine.isUnsafe(c) ? '?' : c));
        return Names.truncate(shown.toString(), MAX_VALUE);
    }

    @Serial
    private Object readResolve() {
        return new Maker(role, userId, address, name, source);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Maker that
                && role == that.role
                && Objects.equals(userId, that.userId)
                && Objects.equals(address, that.address)
                && Objects.equals(name, that.name)
                && Objects.equals(source, that.source);
    }

    @Override
    public int hashCode() {
        return Objects.hash(role, userId, address, name, source);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(role.name().toLowerCase(Locale.ROOT)).append(' ');
        text.append(userId != null ? userId : name != null ? name : address);
        if (address != null && userId != null) {
            text.append(" <").append(address).append('>');
        }
        return source == null
                ? text.toString()
                : text.append(" (").append(source).append(')').toString();
    }
}
