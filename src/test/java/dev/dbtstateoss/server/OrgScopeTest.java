package dev.dbtstateoss.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dbtstateoss.store.PrefixedStore;
import dev.dbtstateoss.store.StateStore;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The scope claim as the dbt-state client reads it, and organization ids as store keys. */
class OrgScopeTest {
    @Test
    void orgEntriesGrantTheirOrganizationOnly() {
        OrgScope s = OrgScope.parse("openid runcache:scope:org:acme:developer runcache:scope:orgs");
        assertTrue(s.grants("acme"));
        assertFalse(s.grants("other"));
        assertFalse(s.grants(""));
        assertFalse(s.grants(null));
        assertNull(s.refusal("acme"));
        assertEquals("the token's scope does not include the organization", s.refusal("other"));
        assertEquals("no x-organization-id header", s.refusal(null));
    }

    @Test
    void legacyPrefixExtraPartsAndWildcardAreReadAsTheClientDoes() {
        assertTrue(OrgScope.parse("conway:scope:org:old:admin").grants("old"));
        assertTrue(OrgScope.parse("runcache:scope:org:acme:developer:extra").grants("acme"));
        OrgScope all = OrgScope.parse("runcache:scope:org:*:admin");
        assertTrue(all.grants("anything"));
    }

    @Test
    void appScopeAloneMeansDisabledAndGrantsNothing() {
        OrgScope s = OrgScope.parse("runcache:scope:app:acme:developer");
        assertFalse(s.grants("acme"));
        assertEquals(Set.of("acme"), s.disabled());
        assertTrue(s.refusal("acme").contains("disabled"));
        OrgScope both = OrgScope.parse("runcache:scope:app:acme:developer runcache:scope:org:acme:developer");
        assertTrue(both.grants("acme"));
        assertTrue(both.disabled().isEmpty());
    }

    @Test
    void malformedEntriesGrantNothing() {
        for (String claim : List.of("", "   ", "runcache:scope:org:acme", "runcache:scope:org::developer",
                "xruncache:scope:org:acme:developer", "runcache:scope:organization:acme:x")) {
            assertFalse(OrgScope.parse(claim).grants("acme"), claim);
        }
        assertFalse(OrgScope.parse(null).grants("acme"));
    }

    @Test
    void organizationIdsBecomeDistinctValidKeySegments() {
        List<String> ids = List.of("acme", "Acme", "ac_me", "ac-me", "ac.me", "ac/me", "..", "_41cme", "äcme",
                "a".repeat(128), "00000000-0000-0000-0000-000000000001");
        Set<String> seen = new HashSet<>();
        for (String id : ids) {
            String seg = PrefixedStore.escapeOrg(id);
            StateStore.checkKey("orgs/" + seg + "/targets/x/latest");
            assertFalse(seg.contains("/") || seg.contains("."), seg);
            assertTrue(seen.add(seg), "two ids share " + seg);
        }
        assertEquals("acme", PrefixedStore.escapeOrg("acme"));
        for (String bad : new String[] {"", "a".repeat(129)}) {
            try {
                PrefixedStore.escapeOrg(bad);
                throw new AssertionError("accepted " + bad.length() + " characters");
            } catch (IllegalArgumentException expected) {
                // refused
            }
        }
    }
}
