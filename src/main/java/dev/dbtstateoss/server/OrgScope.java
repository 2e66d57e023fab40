package dev.dbtstateoss.server;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The organizations a token grants, read from its {@code scope} claim as the dbt-state client reads
 * it: space-separated entries {@code runcache:scope:org:<ORG>:<level>} (or the legacy
 * {@code conway:scope:org:...}) grant ORG, and ORG {@code *} grants every organization.
 * {@code runcache:scope:app:<ORG>:<level>} alone means the access to ORG was disabled: it grants
 * nothing. Entries of other forms grant nothing either.
 */
public record OrgScope(Set<String> orgs, Set<String> disabled) {
    private static final List<String> ORG_PREFIXES = List.of("runcache:scope:org:", "conway:scope:org:");
    private static final String APP_PREFIX = "runcache:scope:app:";

    public OrgScope {
        orgs = Set.copyOf(orgs);
        disabled = Set.copyOf(disabled);
    }

    /** Parses a scope claim (null or blank grants nothing). */
    public static OrgScope parse(String claim) {
        Set<String> orgs = new LinkedHashSet<>();
        Set<String> apps = new LinkedHashSet<>();
        if (claim != null) {
            for (String entry : claim.trim().split("\\s+")) {
                for (String p : ORG_PREFIXES) {
                    if (entry.startsWith(p)) {
                        orgOf(entry.substring(p.length())).ifPresent(orgs::add);
                    }
                }
                if (entry.startsWith(APP_PREFIX)) {
                    orgOf(entry.substring(APP_PREFIX.length())).ifPresent(apps::add);
                }
            }
        }
        apps.removeAll(orgs);
        return new OrgScope(orgs, apps);
    }

    /** "ORG:level" -> ORG; no level or an empty ORG -> empty (as the client's parser, which needs both). */
    private static java.util.Optional<String> orgOf(String rest) {
        int colon = rest.indexOf(':');
        if (colon <= 0) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(rest.substring(0, colon));
    }

    /** Whether the token may act for {@code org}. */
    public boolean grants(String org) {
        return org != null && !org.isEmpty() && (orgs.contains(org) || orgs.contains("*"));
    }

    /** Why {@code org} is refused (for logs and the status message), or null when it is granted. */
    public String refusal(String org) {
        if (org == null || org.isEmpty()) {
            return "no x-organization-id header";
        }
        if (grants(org)) {
            return null;
        }
        if (disabled.contains(org)) {
            return "the token's access to the organization is disabled (app scope only)";
        }
        return "the token's scope does not include the organization";
    }
}
