package io.jenkins.plugins.environments.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.environments.model.InvalidConfigurationException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ViewFilterTest {

    @ParameterizedTest(name = "appPatternMatches: {0} ~ {1} = {2}")
    @CsvSource({
        "payments-*,          payments-api,   true",
        "payments-*,          payments,       false",
        "payments-*,          my-payments-x,  false",
        "*-api,               checkout-api,   true",
        "checkout,            checkout,       true",
        "checkout,            checkout-ui,    false",
        "app-?,               app-1,          true",
        "app-?,               app-12,         false",
        "'payments-*, checkout', checkout,     true",
        "'payments-* checkout',  payments-db,  true",
        "'payments-*,checkout',  catalog,      false",
        "Payments-*,          payments-api,   true",
        "*,                   anything,       true",
    })
    void appPatternMatchesTheWholeNameOfAnApp(String pattern, String app, boolean shown) {
        assertEquals(shown, ViewFilter.of(pattern, null, true).showsApp(app));
    }

    @Test
    void blankSettingsShowEverything() {
        ViewFilter filter = ViewFilter.of("  ", "", true);
        assertTrue(filter.showsApp("payments"));
        assertTrue(filter.showsEnvironment("prod"));
        assertTrue(filter.showsPreviews());
        assertEquals(List.of(), filter.appPatterns());
        assertEquals(List.of(), filter.environments());
        assertTrue(ViewFilter.ALL.showsApp("x"));
        assertTrue(ViewFilter.ALL.showsEnvironment("dr"));
    }

    @Test
    void environmentsAreNamedByCommasOrSpacesWithoutRepeats() {
        ViewFilter filter = ViewFilter.of(null, "staging, prod prod,dr", false);
        assertEquals(List.of("staging", "prod", "dr"), filter.environments());
        assertTrue(filter.showsEnvironment("prod"));
        assertFalse(filter.showsEnvironment("dev"));
        assertFalse(filter.showsPreviews());
        assertEquals("apps *, environments staging,prod,dr, no previews", filter.toString());
    }

    @Test
    void aPatternWithOtherCharactersIsRefusedForItsField() {
        InvalidConfigurationException e = assertThrows(
                InvalidConfigurationException.class, () -> ViewFilter.of("payments-*, pay.ments", "", true));
        assertEquals(ViewFilter.APP_PATTERN, e.field());
        assertEquals(
                "App pattern 'pay.ments' may contain only letters, digits, '-', '*' (any characters) and '?' (one"
                        + " character), for example 'payments-*'",
                e.getMessage());
    }

    @Test
    void aRegularExpressionIsNotAPattern() {
        InvalidConfigurationException e =
                assertThrows(InvalidConfigurationException.class, () -> ViewFilter.appPatterns("^pay(ments)?$"));
        assertEquals(ViewFilter.APP_PATTERN, e.field());
        assertTrue(e.getMessage().startsWith("App pattern '^pay(ments)?$' may contain only letters"), e.getMessage());
    }

    @Test
    void aBadEnvironmentNameIsRefusedForItsField() {
        InvalidConfigurationException e =
                assertThrows(InvalidConfigurationException.class, () -> ViewFilter.of("", "staging, Prod", true));
        assertEquals(ViewFilter.ENVIRONMENTS, e.field());
        assertTrue(e.getMessage().startsWith("Environment name 'Prod' is not a valid name: "), e.getMessage());
    }

    @Test
    void noAppIsShownForAMissingName() {
        assertFalse(ViewFilter.of("*", null, true).showsApp(null));
    }
}
