package io.jenkins.plugins.environments.ledger;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Kills a child JVM that is appending ({@code SIGKILL} on Unix) and checks what it left behind. */
class LedgerKillTest {

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void killedWriterLosesNothingThatWasAppendedAndTheLedgerStaysUsable() throws Exception {
        killWhileAppending(LedgerPolicy.DEFAULT);
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void killedWriterThatSealsSegmentsLosesNothingAndReadersAcrossTheSealsSeeWholeEvents() throws Exception {
        killWhileAppending(LedgerPolicy.DEFAULT.withMaxSegmentBytes(10_000));
        assertTrue(
                Ledger.open(dir.resolve("ledger.jsonl"), Clock.systemUTC())
                                .files()
                                .size()
                        > 5,
                "segments sealed");
    }

    private void killWhileAppending(LedgerPolicy policy) throws Exception {
        Path file = dir.resolve("ledger.jsonl");
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process child = new ProcessBuilder(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        LedgerAppenderMain.class.getName(),
                        file.toString(),
                        Long.toString(policy.maxSegmentBytes()))
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        Ledger ledger;
        int acknowledged = -1;
        List<LedgerEvent> mine = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), UTF_8))) {
            acknowledged = waitFor(out, 20);
            // the parent appends while the child keeps appending: the file lock keeps lines whole
            // and a reader in this JVM keeps opening and closing the file, which must not release the append lock
            ledger = Ledger.open(file, Clock.systemUTC(), policy);
            Ledger reader = ledger;
            AtomicBoolean appending = new AtomicBoolean(true);
            Thread reading = new Thread(() -> {
                while (appending.get()) {
                    try {
                        reader.read();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            });
            reading.start();
            try {
                for (int i = 0; i < 100; i++) {
                    mine.add(ledger.append(LedgerEvent.builder(LedgerEventType.PROMOTED, "parent", "prod")
                            .detail("seq", Integer.toString(i))));
                }
            } finally {
                appending.set(false);
                reading.join();
            }
            acknowledged = waitFor(out, acknowledged + 20);
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the child died");
        } finally {
            child.destroyForcibly();
        }

        // every line but perhaps the active file's last is a whole JSON object; sealed segments end with a line end
        ObjectMapper mapper = new ObjectMapper();
        for (Path segment : ledger.files()) {
            String text = Files.readString(segment, UTF_8);
            List<String> lines = List.of(text.split("\n", -1));
            for (int i = 0; i < lines.size() - 1; i++) {
                String line = lines.get(i);
                assertTrue(
                        mapper.readTree(line).isObject(),
                        segment.getFileName() + " line " + (i + 1) + " of " + lines.size() + ": " + line);
            }
            if (!segment.equals(file)) {
                assertTrue(text.endsWith("\n"), segment.getFileName() + " ends with a line end");
            }
        }
        // a kill between a seal's rename and the new active file leaves none, which reads as empty
        String raw = Files.exists(file) ? Files.readString(file, UTF_8) : "";

        Ledger.Contents contents = ledger.read();
        boolean tornTail = !raw.isEmpty() && !raw.endsWith("\n");
        assertEquals(tornTail ? 1 : 0, contents.skippedLines(), "only a torn tail may be skipped");
        assertEquals(tornTail, contents.tornTail());
        List<LedgerEvent> children = contents.events().stream()
                .filter(event -> event.app().equals("child"))
                .toList();
        assertTrue(children.size() > acknowledged, children.size() + " events, " + acknowledged + " acknowledged");
        for (int i = 0; i < children.size(); i++) {
            assertEquals(Integer.toString(i), children.get(i).details().get("seq"), "no event before the last is lost");
        }
        assertEquals(
                mine,
                contents.events().stream()
                        .filter(event -> event.app().equals("parent"))
                        .toList());

        LedgerEvent after = ledger.append(
                LedgerEvent.builder(LedgerEventType.TORN_DOWN, "child", "prod").reason("manual"));
        Ledger.Contents again = ledger.read();
        assertEquals(after, again.events().get(again.events().size() - 1));
        assertEquals(contents.events().size() + 1, again.events().size());
        Path last = file;
        for (Path segment : ledger.files()) {
            if (Files.size(segment) > 0) {
                last = segment;
            }
        }
        assertTrue(Files.readString(last, UTF_8).endsWith(LedgerJson.write(after) + "\n"));
    }

    /** @return the number of the last acknowledged append once it is at least {@code at least} */
    private static int waitFor(BufferedReader out, int atLeast) throws Exception {
        while (true) {
            String line = out.readLine();
            assertNotNull(line, "the child stopped early");
            int n = Integer.parseInt(line.substring("appended ".length()));
            if (n >= atLeast) {
                return n;
            }
        }
    }
}
