package org.medledger.domain.model.access;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SMART App Launch v2 system scopes, {@code system/<Type|*>.<cruds>} (v1 {@code .read}/{@code .write}/{@code .*}
 * are read as {@code rs}/{@code cud}/{@code cruds}). Immutable; {@link #permits} is what a token may do.
 */
public final class SmartScopes {

    private static final Pattern SCOPE = Pattern.compile("system/([A-Z][A-Za-z]{1,63}|\\*)\\.(c?r?u?d?s?|read|write|\\*)");

    private record Scope(String type, String interactions) {
    }

    private final List<Scope> scopes;

    private SmartScopes(List<Scope> scopes) {
        this.scopes = List.copyOf(scopes);
    }

    /** Parses a space-separated scope string; throws IllegalArgumentException naming the first bad scope. */
    public static SmartScopes parse(String text) {
        List<Scope> parsed = new ArrayList<>();
        for (String token : text.trim().split("\\s+")) {
            if (token.isEmpty()) {
                continue;
            }
            Matcher m = SCOPE.matcher(token);
            if (!m.matches() || m.group(2).isEmpty()) {
                throw new IllegalArgumentException("Not a SMART system scope: " + token);
            }
            String interactions = switch (m.group(2)) {
                case "read" -> "rs";
                case "write" -> "cud";
                case "*" -> "cruds";
                default -> m.group(2);
            };
            parsed.add(new Scope(m.group(1), interactions));
        }
        return new SmartScopes(parsed);
    }

    /** Whether a token with these scopes may do an interaction ({@code c r u d s}) on a resource type. */
    public boolean permits(String resourceType, char interaction) {
        for (Scope scope : scopes) {
            if ((scope.type().equals("*") || scope.type().equals(resourceType))
                    && scope.interactions().indexOf(interaction) >= 0) {
                return true;
            }
        }
        return false;
    }

    /** The scopes of {@code requested} that these scopes allow, each narrowed to what is allowed. */
    public SmartScopes grantable(SmartScopes requested) {
        List<Scope> granted = new ArrayList<>();
        for (Scope want : requested.scopes) {
            StringBuilder allowed = new StringBuilder();
            for (char interaction : want.interactions().toCharArray()) {
                boolean ok = want.type().equals("*")
                        ? scopes.stream().anyMatch(s -> s.type().equals("*") && s.interactions().indexOf(interaction) >= 0)
                        : permits(want.type(), interaction);
                if (ok) {
                    allowed.append(interaction);
                }
            }
            if (allowed.length() > 0) {
                granted.add(new Scope(want.type(), allowed.toString()));
            }
        }
        return new SmartScopes(granted);
    }

    public boolean isEmpty() {
        return scopes.isEmpty();
    }

    @Override
    public String toString() {
        Set<String> text = new LinkedHashSet<>();
        scopes.forEach(s -> text.add("system/" + s.type() + "." + s.interactions()));
        return String.join(" ", text);
    }
}
