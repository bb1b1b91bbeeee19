package io.jenkins.plugins.environments.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockStatic;
import static org.mockito.Mockito.when;

import hudson.ExtensionList;
import hudson.model.User;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mockito.MockedStatic;

/** The port through which an installation tells the approval rules a reviewer's e-mail addresses and names. */
class ApprovalIdentityResolverTest {

    private static ApprovalIdentityResolver resolver(List<String> aliases) {
        return new ApprovalIdentityResolver() {
            @Override
            public List<String> aliasesOf(String userId) {
                return aliases;
            }
        };
    }

    @SuppressWarnings("unchecked")
    private static List<String> all(ApprovalIdentityResolver... resolvers) {
        ExtensionList<ApprovalIdentityResolver> list = mock(ExtensionList.class);
        when(list.iterator()).thenAnswer(i -> List.of(resolvers).iterator());
        try (MockedStatic<ExtensionList> lookup = mockStatic(ExtensionList.class)) {
            lookup.when(() -> ExtensionList.lookup(ApprovalIdentityResolver.class))
                    .thenReturn(list);
            return ApprovalIdentityResolver.all("alice");
        }
    }

    @Test
    void everyResolverAddsItsIdentitiesOnceAndAFailingOneIsSkipped() {
        ApprovalIdentityResolver failing = new ApprovalIdentityResolver() {
            @Override
            public List<String> aliasesOf(String userId) {
                throw new IllegalStateException("directory down");
            }
        };
        assertEquals(
                List.of("alice@example.com", "Alice Liddell"),
                all(
                        resolver(List.of("alice@example.com")),
                        failing,
                        resolver(java.util.Arrays.asList("Alice Liddell", "alice@example.com", null, " "))));
    }

    @Test
    void aResolverCannotFloodTheRequestWithAliases() {
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            many.add("alias-" + i);
        }
        assertEquals(ApprovalIdentityResolver.MAX_ALIASES, all(resolver(many)).size());
    }

    @Test
    void theBuiltInResolverGivesTheUsersFullName() {
        User alice = mock(User.class);
        when(alice.getFullName()).thenReturn("Alice Liddell");
        User bob = mock(User.class);
        when(bob.getFullName()).thenReturn("bob");
        try (MockedStatic<User> users = mockStatic(User.class)) {
            users.when(() -> User.getById("alice", false)).thenReturn(alice);
            users.when(() -> User.getById("bob", false)).thenReturn(bob);
            ApprovalIdentityResolver.FullName fullName = new ApprovalIdentityResolver.FullName();
            assertEquals(List.of("Alice Liddell"), fullName.aliasesOf("alice"));
            assertEquals(List.of(), fullName.aliasesOf("bob"), "a full name that is the id adds nothing");
            assertEquals(List.of(), fullName.aliasesOf("nobody"), "no user record, no alias");
        }
    }
}
