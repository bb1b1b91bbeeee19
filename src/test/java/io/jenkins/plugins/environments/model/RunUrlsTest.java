package io.jenkins.plugins.environments.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RunUrlsTest {

    @Test
    void aRelativeRunUrlStaysAsItIs() {
        assertEquals("job/shop/job/main/7/", RunUrls.relative("job/shop/job/main/7/"));
    }

    @Test
    void anAbsoluteBuildUrlLosesEverythingBeforeItsFirstJobSegment() {
        assertEquals("job/shop/7/", RunUrls.relative("https://ci.example.com/job/shop/7/"));
        assertEquals("job/shop/job/main/7/", RunUrls.relative("http://ci:8080/jenkins/job/shop/job/main/7/"));
    }

    @Test
    void aUrlThatNamesNoJobHasNoRelativeForm() {
        assertNull(RunUrls.relative(null));
        assertNull(RunUrls.relative(" "));
        assertNull(RunUrls.relative("https://ci.example.com/view/all/"));
        assertNull(RunUrls.relative("/jenkins/job/shop/7/"));
        assertNull(RunUrls.relative("file:///job/shop/7/"));
    }

    @Test
    void theSameRunWhetherRecordedAbsoluteOrRelative() {
        assertTrue(RunUrls.sameRun("https://ci.example.com/job/shop/7/", "job/shop/7/"));
        assertTrue(RunUrls.sameRun("job/shop/7/", "job/shop/7/"));
        assertFalse(RunUrls.sameRun("https://ci.example.com/job/shop/7/", "job/shop/8/"));
        assertFalse(RunUrls.sameRun(null, "job/shop/7/"));
    }
}
