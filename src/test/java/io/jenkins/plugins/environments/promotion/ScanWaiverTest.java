package io.jenkins.plugins.environments.promotion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScanWaiverTest {

    @Test
    void aWaiverFileIsAListOfIdExpiresAndReason() {
        List<ScanWaiver> waivers = ScanWaiver.parseAll("""
                # reviewed by security, SEC-42
                - id: CVE-2024-0001
                  expires: 2026-12-31
                  reason: parser never called
                - id: GHSA-abcd-efgh-ijkl
                  expires: "2027-01-15"
                  reason: fixed upstream, waiting for the release
                """);
        assertEquals(
                List.of(
                        new ScanWaiver("CVE-2024-0001", LocalDate.of(2026, 12, 31), "parser never called"),
                        new ScanWaiver(
                                "GHSA-abcd-efgh-ijkl",
                                LocalDate.of(2027, 1, 15),
                                "fixed upstream, waiting for the release")),
                waivers);
        assertEquals(List.of(), ScanWaiver.parseAll(""));
        assertEquals(List.of(), ScanWaiver.parseAll("# nothing waived\n"));
    }

    @Test
    void aWaiverAppliesThroughItsExpiryDay() {
        ScanWaiver waiver = new ScanWaiver("CVE-1", LocalDate.of(2026, 6, 15), "r");
        assertTrue(waiver.activeOn(LocalDate.of(2026, 6, 14)));
        assertTrue(waiver.activeOn(LocalDate.of(2026, 6, 15)));
        assertFalse(waiver.activeOn(LocalDate.of(2026, 6, 16)));
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "- id: CVE-1\\n  expires: 2026-01-01 | entry 1 (CVE-1) has no reason",
                "- expires: 2026-01-01\\n  reason: r | entry 1 has no id",
                "- id: CVE-1\\n  reason: r | entry 1 (CVE-1) has no expires date: write a date such as 2026-12-31",
                "- id: CVE-1\\n  expires: soon\\n  reason: r | entry 1 (CVE-1) has expires 'soon', not a date: write a"
                        + " date such as 2026-12-31",
                "- id: CVE-1\\n  expires: '2026-02-30'\\n  reason: r | entry 1 (CVE-1) has expires '2026-02-30', not a"
                        + " date: write a date such as 2026-12-31",
                "- id: CVE-1\\n  expires: 2026-01-01T10:00:00Z\\n  reason: r | entry 1 (CVE-1) has expires"
                        + " '2026-01-01T10:00:00Z', not a date: write a date such as 2026-12-31",
                "- id: CVE-1\\n  expiry: 2026-01-01\\n  reason: r | entry 1 has an unknown key 'expiry': use id,"
                        + " expires and reason",
                "- id: CVE-1\\n  expires: 2026-01-01\\n  reason: r\\n- id: CVE-1\\n  expires: 2026-02-01\\n  reason: s"
                        + " | entry 2 waives CVE-1 again: keep one waiver per id",
                "- id: [CVE-1]\\n  expires: 2026-01-01\\n  reason: r | entry 1's id is not text",
                "- CVE-1 | entry 1 is not a mapping with id, expires and reason",
                "id: CVE-1 | it is not a list of waivers (each with id, expires and reason)",
                "- id: CVE-1\\n  id: CVE-2 | it is not valid YAML (while constructing a mapping)"
            })
    void aBrokenWaiverFileIsRejectedNamingTheEntry(String yaml, String message) {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> ScanWaiver.parseAll(yaml.replace("\\n", "\n")));
        assertEquals(message, e.getMessage());
    }
}
