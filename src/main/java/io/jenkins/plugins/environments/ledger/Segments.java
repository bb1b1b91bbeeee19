package io.jenkins.plugins.environments.ledger;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names of a ledger's files, all in the directory of the active file and named after it. For the active file
 * {@code ledger.jsonl}:
 *
 * <ul>
 *   <li>{@code ledger.000001.jsonl}, {@code ledger.000002.jsonl}…: sealed segments, in the order they were sealed;
 *   <li>{@code ledger.000007-carried.jsonl}: the carried segment, which holds the events of every segment up to and
 *       including number 7 that still decide an answer; segments with that number or a lower one are covered by it
 *       and no longer read, whether or not they were deleted yet;
 *   <li>{@code ledger.jsonl.carrying.tmp}: a carried segment being written, never read.
 * </ul>
 *
 * Numbers have at least six digits and are compared as numbers.
 */
final class Segments {

    /** Appended to the active file's name to name a carried segment while it is written. */
    static final String TEMP_SUFFIX = ".carrying.tmp";

    private final Path active;
    private final Path directory;
    private final String base;
    private final String extension;
    private final Pattern sealed;
    private final Pattern carried;

    Segments(Path active) {
        this.active = active;
        this.directory = active.getParent();
        String name = active.getFileName().toString();
        int dot = name.lastIndexOf('.');
        this.base = dot > 0 ? name.substring(0, dot) : name;
        this.extension = dot > 0 ? name.substring(dot) : "";
        this.sealed = Pattern.compile(Pattern.quote(base + ".") + "([0-9]{6,})" + Pattern.quote(extension));
        this.carried = Pattern.compile(Pattern.quote(base + ".") + "([0-9]{6,})-carried" + Pattern.quote(extension));
    }

    /** @return the name of the sealed segment with the number */
    Path sealed(long sequence) {
        return directory.resolve(base + "." + number(sequence) + extension);
    }

    /** @return the name of the carried segment that covers the segments up to and including the number */
    Path carried(long coveredUpTo) {
        return directory.resolve(base + "." + number(coveredUpTo) + "-carried" + extension);
    }

    /** @return where a carried segment is written before it is renamed into place */
    Path temp() {
        return active.resolveSibling(active.getFileName() + TEMP_SUFFIX);
    }

    private static String number(long sequence) {
        return String.format(Locale.ROOT, "%06d", sequence);
    }

    /** @return the files as they are now: what a reader reads, and what is left over from an interrupted compaction */
    Listing list() throws IOException {
        List<Sealed> allSealed = new ArrayList<>();
        List<Sealed> allCarried = new ArrayList<>();
        List<Path> temps = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                Matcher matcher = sealed.matcher(name);
                if (matcher.matches()) {
                    allSealed.add(new Sealed(sequenceOf(matcher), file));
                    continue;
                }
                matcher = carried.matcher(name);
                if (matcher.matches()) {
                    allCarried.add(new Sealed(sequenceOf(matcher), file));
                } else if (file.equals(temp())) {
                    temps.add(file);
                }
            }
        }
        Comparator<Sealed> bySequence = Comparator.comparingLong(Sealed::sequence);
        allSealed.sort(bySequence);
        allCarried.sort(bySequence);
        Sealed newestCarried = allCarried.isEmpty() ? null : allCarried.get(allCarried.size() - 1);
        long covered = newestCarried == null ? 0 : newestCarried.sequence();
        List<Sealed> read = new ArrayList<>();
        List<Path> leftovers = new ArrayList<>(temps);
        for (Sealed carriedFile : allCarried) {
            if (carriedFile != newestCarried) {
                leftovers.add(carriedFile.file());
            }
        }
        long newest = covered;
        for (Sealed segment : allSealed) {
            if (segment.sequence() <= covered) {
                leftovers.add(segment.file());
            } else {
                read.add(segment);
            }
            newest = Math.max(newest, segment.sequence());
        }
        return new Listing(newestCarried, List.copyOf(read), List.copyOf(leftovers), newest + 1);
    }

    /** @return the number in a matching file name; a number too long for a {@code long} is not expected */
    private static long sequenceOf(Matcher matcher) {
        try {
            return Long.parseLong(matcher.group(1));
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    /** A numbered file: a sealed segment, or a carried one with the number of the last segment it covers. */
    record Sealed(long sequence, Path file) {}

    /**
     * The ledger's files at one moment.
     *
     * @param carried the carried segment that readers read first, or {@code null}
     * @param sealed the sealed segments that readers read after it, the ones the carried segment does not cover, in
     *     order
     * @param leftovers files nobody reads: carried segments older than {@code carried}, segments it covers and a
     *     carried segment whose writing was interrupted; a compaction deletes them
     * @param nextSequence the number the next sealed segment gets
     */
    record Listing(Sealed carried, List<Sealed> sealed, List<Path> leftovers, long nextSequence) {

        /** @return the number of the last segment the carried segment covers, 0 when there is none */
        long coveredUpTo() {
            return carried == null ? 0 : carried.sequence();
        }

        /** @return the files a reader reads before the active file, in order */
        List<Path> readOrder() {
            List<Path> files = new ArrayList<>();
            if (carried != null) {
                files.add(carried.file());
            }
            for (Sealed segment : sealed) {
                files.add(segment.file());
            }
            return files;
        }

        /** @return whether a reader reads the same files in both */
        boolean readsTheSameAs(Listing other) {
            return readOrder().equals(other.readOrder());
        }
    }
}
