package io.jenkins.plugins.environments.model;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Approver entries are typed; untyped ones are user ids only; reserved ids never approve (issue 11, classes 11, 13). */
class ApproverEntryTest {

    @ParameterizedTest(name = "{0} is a {1} named {2}")
    @CsvSource({
        "user:alice, USER, alice, true",
        "group:release-managers, GROUP, release-managers, true",
        "alice, USER, alice, false",
        "release-managers, USER, release-managers, false",
        "user:group:ops, USER, group:ops, true",
        "alice@example.com, USER, alice@example.com, false",
    })
    void entriesAreTypedAndUntypedOnesAreUserIds(String written, String kind, String name, boolean typed) {
        ApproverEntry entry = ApproverEntry.parse("approvers", written);
        assertAll(
                () -> assertEquals(ApproverEntry.Kind.valueOf(kind), entry.kind()),
                () -> assertEquals(name, entry.name()),
                () -> assertEquals(typed, entry.typed()),
                () -> assertEquals(written, entry.toString()));
    }

    @ParameterizedTest(name = "reserved: {0}")
    @ValueSource(
            strings = {
                "system",
                "SYSTEM",
                "anonymous",
                "authenticated",
                "everyone",
                "Everyone",
                "user:system",
                "group:authenticated",
                "user:anonymous"
            })
    void reservedIdsAreRefusedAsApprovers(String written) {
        InvalidConfigurationException e =
                assertThrows(InvalidConfigurationException.class, () -> ApproverEntry.parse("approvers", written));
        assertAll(
                () -> assertEquals("approvers", e.field()),
                () -> assertEquals(
                        "Approver '" + written + "' is reserved and can never approve (reserved: system, anonymous,"
                                + " authenticated, everyone): name the users or groups who may approve",
                        e.getMessage()));
    }

    @Test
    void aGateThatListsAReservedIdIsRefusedAsAWhole() {
        InvalidConfigurationException e = assertThrows(
                InvalidConfigurationException.class,
                () -> new Gates(1, List.of("alice", "authenticated"), true, false, null, null, null, false));
        assertEquals("approvers", e.field());
        assertTrue(e.getMessage().startsWith("Approver 'authenticated' is reserved"), e.getMessage());
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "user:| Approver 'user:' needs a name after the prefix, without spaces around it",
                "group: ops| Approver 'group: ops' needs a name after the prefix, without spaces around it",
                "alice,bob| Approver 'alice,bob' contains a comma: list each user or group as its own entry",
            })
    void malformedEntriesAreRefusedWithTheirMessage(String written, String message) {
        InvalidConfigurationException e =
                assertThrows(InvalidConfigurationException.class, () -> ApproverEntry.parse("approvers", written));
        assertEquals(message, e.getMessage());
    }

    @Test
    void anEntryWithABidiOverrideIsRefused() {
        InvalidConfigurationException e = assertThrows(
                InvalidConfigurationException.class, () -> ApproverEntry.parse("approvers", "group:ops\u202Eevil"));
        assertEquals(
                "Approver 'group:ops\\u202Eevil' must not contain control characters such as line breaks",
                e.getMessage());
    }

    @Test
    void untypedEntriesAreWarnedAboutSoAnAdministratorCanTypeThem() {
        Gates gates =
                new Gates(1, List.of("alice", "user:bob", "release-managers"), true, false, null, null, null, false);
        assertEquals(
                List.of("approvers without 'user:' or 'group:' are read as user ids only (alice, release-managers):"
                        + " write group:NAME for a group"),
                gates.warnings());
        assertFalse(ApproverEntry.isReserved("alice"));
    }
}
