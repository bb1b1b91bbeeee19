package io.jenkins.plugins.environments.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class BuildLinkTest {

    @Test
    void aRunIsNamedAfterItsJobPathAndNumber() {
        assertEquals(new BuildLink("a » b #12", "job/a/job/b/12/"), BuildLink.ofRun("job/a/job/b/12/"));
        assertEquals(
                new BuildLink("payments » main #42", "job/payments/job/main/42/"),
                BuildLink.ofRun("job/payments/job/main/42/"));
        assertEquals("shop #3", BuildLink.ofRun("job/shop/3").name());
    }

    @Test
    void encodedNamesAreShownDecoded() {
        assertEquals(
                "my team » feature/x #7",
                BuildLink.ofRun("job/my%20team/job/feature%2Fx/7/").name());
    }

    @Test
    void aJobUrlIsNamedAfterTheJobAndAnythingElseAfterItself() {
        assertEquals(
                "payments » PR-1842",
                BuildLink.ofRun("job/payments/job/PR-1842/").name());
        assertEquals("view/all/x", BuildLink.ofRun("view/all/x").name());
        assertEquals("job/a/lastBuild/", BuildLink.ofRun("job/a/lastBuild/").name());
    }

    @Test
    void aJobsFullNameBecomesItsLink() {
        assertEquals(
                new BuildLink("payments » PR-1842", "job/payments/job/PR-1842/"), BuildLink.ofJob("payments/PR-1842"));
        assertEquals("job/my%20team/job/x/", BuildLink.ofJob("my team/x").url());
    }
}
