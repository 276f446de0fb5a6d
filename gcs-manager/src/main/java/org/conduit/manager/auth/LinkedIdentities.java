package org.conduit.manager.auth;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.conduit.identity.Identity;

/**
 * Configured links between usernames of one person (GCS linked identities). A link works both ways
 * and links sharing a username form one group, so whichever of their identities a person signs in
 * with, the others come along and the mapping step can use any of them.
 */
final class LinkedIdentities {

    private final Map<String, List<Identity>> groups = new HashMap<>();

    /**
     * @param links primary username to the other usernames of the same person
     * @throws IllegalArgumentException if a username is not {@code user@domain}
     */
    LinkedIdentities(Map<String, List<String>> links) {
        Map<String, Set<String>> groupOf = new HashMap<>();
        links.forEach((primary, others) -> {
            Set<String> group = new LinkedHashSet<>();
            group.add(canonical(primary));
            others.forEach(other -> group.add(canonical(other)));
            for (String member : List.copyOf(group)) {
                Set<String> existing = groupOf.get(member);
                if (existing != null) {
                    group.addAll(existing);
                }
            }
            group.forEach(member -> groupOf.put(member, group));
        });
        groupOf.forEach((username, group) -> groups.put(username, group.stream()
                .filter(member -> !member.equals(username))
                .map(Principal::identityOf)
                .toList()));
    }

    /** The other identities of the person with this canonical username; empty when none are linked. */
    List<Identity> of(String username) {
        return groups.getOrDefault(username, List.of());
    }

    private static String canonical(String username) {
        try {
            return Principal.canonicalUsername(username);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("linked_identities: '" + username + "': " + e.getMessage(), e);
        }
    }
}
