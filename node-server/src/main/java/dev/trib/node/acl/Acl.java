package dev.trib.node.acl;

import dev.trib.node.command.CommandTable;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The node's ACL users, by name. Changed and read only on the event loop. The default user exists always; requirepass
 * is its password, as in Redis 7.0.
 */
public final class Acl {
    public static final String DEFAULT_USER = "default";

    private final Supplier<CommandTable> table;
    private final Map<String, AclUser> users = new TreeMap<>();

    /** @param table the command table rules are checked against (looked up when a rule is applied) */
    public Acl(Supplier<CommandTable> table) {
        this.table = table;
        users.put(DEFAULT_USER, AclUser.defaultUser());
    }

    public AclUser user(String name) {
        return users.get(name);
    }

    public AclUser defaultUser() {
        return users.get(DEFAULT_USER);
    }

    /** Sorted by name, as ACL LIST and ACL USERS show them. */
    public Collection<AclUser> users() {
        return users.values();
    }

    /**
     * ACL SETUSER: creates the user if needed and applies the rules in order, all or nothing.
     *
     * @throws AclRuleException for the first rule that is not valid; the user is then unchanged
     */
    public void setUser(String name, List<String> rules) throws AclRuleException {
        AclUser current = users.get(name);
        AclUser next = current == null ? new AclUser(name) : current.copy();
        for (String rule : rules) {
            next.apply(rule, table);
        }
        users.put(name, next);
    }

    /**
     * A {@code user} directive: a line naming the default user starts from "reset", as redis-server's loading does.
     */
    public void load(List<String> line) throws AclRuleException {
        String name = line.get(0);
        if (name.contains(" ") || name.isEmpty()) {
            throw new AclRuleException(name, "Spaces not allowed in ACL usernames");
        }
        List<String> rules = line.subList(1, line.size());
        if (name.equals(DEFAULT_USER)) {
            List<String> withReset = new java.util.ArrayList<>(List.of("reset"));
            withReset.addAll(rules);
            rules = withReset;
        } else {
            users.remove(name);
        }
        setUser(name, rules);
    }

    /**
     * Applies the startup {@code user} directives in order.
     *
     * @throws IllegalStateException naming the user and the reason (never a password) for the first bad line
     */
    public void loadAll(List<List<String>> lines) {
        for (List<String> line : lines) {
            try {
                load(line);
            } catch (AclRuleException e) {
                String rule = e.rule();
                boolean secret = !rule.isEmpty() && ">#<!".indexOf(rule.charAt(0)) >= 0;
                throw new IllegalStateException("Error in user declaration '" + line.get(0) + "': "
                        + (secret ? "" : "'" + rule + "': ") + e.getMessage());
            }
        }
    }

    /** ACL DELUSER. @return whether the user existed; the default user cannot be removed */
    public boolean deleteUser(String name) {
        if (name.equals(DEFAULT_USER)) {
            throw new IllegalArgumentException("The 'default' user cannot be removed");
        }
        return users.remove(name) != null;
    }

    /** The user AUTH logs in as, or null when the name is unknown, the user is off or the password wrong. */
    public AclUser authenticate(String name, byte[] password) {
        AclUser u = users.get(name);
        return u != null && u.accepts(password) ? u : null;
    }

    /** requirepass (startup and CONFIG SET): the default user's only password, or nopass when empty. */
    public void requirepass(String password) {
        try {
            setUser(DEFAULT_USER, password.isEmpty() ? List.of("resetpass", "nopass")
                    : List.of("resetpass", ">" + password));
        } catch (AclRuleException e) {
            throw new IllegalStateException(e); // password rules are always valid
        }
    }

    /** Whether new connections are logged in as the default user without AUTH (on and nopass). */
    public boolean defaultUserNeedsNoAuth() {
        AclUser d = defaultUser();
        return d.enabled() && d.nopass();
    }
}
