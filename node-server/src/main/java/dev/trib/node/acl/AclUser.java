package dev.trib.node.acl;

import dev.trib.node.command.CommandSpec;
import dev.trib.node.command.CommandTable;
import dev.trib.node.text.Glob;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

/**
 * One ACL user and Redis 7.0's rule language for it (the root selector only). Command rules are kept as Redis 7.0
 * keeps them: a base (+@all or -@all) and the later rules in order, a rule replacing earlier ones about the same
 * command, so that replaying them decides a call exactly as Redis's command bitmaps do, and describes the user the
 * way ACL LIST does. Passwords are kept only as SHA-256 hashes.
 */
public final class AclUser {
    private final String name;
    private boolean enabled;
    private boolean nopass;
    /** null until sanitize-payload, skip-sanitize-payload or reset sets it (ACL LIST shows it only then). */
    private String payloadFlag;
    private final Set<String> passwordHashes = new LinkedHashSet<>();
    private boolean allKeys;
    private final List<String> keyPatterns = new ArrayList<>();
    private boolean allChannels;
    private final List<String> channelPatterns = new ArrayList<>();
    private boolean allCommands;
    private final List<String> commandRules = new ArrayList<>();

    /** A new user as ACL SETUSER creates it: off, no password, no keys or channels, -@all. */
    AclUser(String name) {
        this.name = name;
    }

    /** Redis's default user: on, nopass, ~* &* +@all. */
    static AclUser defaultUser() {
        AclUser u = new AclUser("default");
        u.enabled = true;
        u.nopass = true;
        u.allKeys = true;
        u.allChannels = true;
        u.allCommands = true;
        return u;
    }

    AclUser copy() {
        AclUser c = new AclUser(name);
        c.enabled = enabled;
        c.nopass = nopass;
        c.payloadFlag = payloadFlag;
        c.passwordHashes.addAll(passwordHashes);
        c.allKeys = allKeys;
        c.keyPatterns.addAll(keyPatterns);
        c.allChannels = allChannels;
        c.channelPatterns.addAll(channelPatterns);
        c.allCommands = allCommands;
        c.commandRules.addAll(commandRules);
        return c;
    }

    public String name() {
        return name;
    }

    public boolean enabled() {
        return enabled;
    }

    public boolean nopass() {
        return nopass;
    }

    /** Whether AUTH with this password logs in as this user. */
    public boolean accepts(byte[] password) {
        if (!enabled) {
            return false;
        }
        if (nopass) {
            return true;
        }
        // Compares hashes: the time taken says nothing about the password.
        return passwordHashes.contains(sha256(password));
    }

    // ---- rules ----

    /** Applies one rule (the table is needed only by command rules). @throws AclRuleException with Redis's reason when it is not valid */
    void apply(String rule, Supplier<CommandTable> table) throws AclRuleException {
        String lower = rule.toLowerCase(Locale.ROOT);
        switch (lower) {
            case "on" -> enabled = true;
            case "off" -> enabled = false;
            case "nopass" -> {
                nopass = true;
                passwordHashes.clear();
            }
            case "resetpass" -> {
                nopass = false;
                passwordHashes.clear();
            }
            case "allkeys" -> setAllKeys();
            case "resetkeys" -> {
                allKeys = false;
                keyPatterns.clear();
            }
            case "allchannels" -> setAllChannels();
            case "resetchannels" -> {
                allChannels = false;
                channelPatterns.clear();
            }
            case "allcommands", "+@all" -> setAllCommands(true);
            case "nocommands", "-@all" -> setAllCommands(false);
            case "sanitize-payload", "skip-sanitize-payload" -> payloadFlag = lower;
            case "clearselectors" -> {
                // only the root selector exists here
            }
            case "reset" -> {
                for (String r : List.of("resetpass", "resetkeys", "resetchannels", "off", "-@all")) {
                    apply(r, table);
                }
                payloadFlag = "sanitize-payload";
            }
            default -> applyPrefixed(rule, table);
        }
    }

    private void applyPrefixed(String rule, Supplier<CommandTable> table) throws AclRuleException {
        char op = rule.isEmpty() ? ' ' : rule.charAt(0);
        String rest = rule.substring(Math.min(1, rule.length()));
        switch (op) {
            case '>' -> {
                passwordHashes.add(sha256(rest.getBytes(StandardCharsets.ISO_8859_1)));
                nopass = false;
            }
            case '#' -> {
                passwordHashes.add(checkedHash(rule, rest));
                nopass = false;
            }
            case '<' -> {
                if (!passwordHashes.remove(sha256(rest.getBytes(StandardCharsets.ISO_8859_1)))) {
                    throw new AclRuleException(rule, "The password you are trying to remove from the user does not "
                            + "exist");
                }
                nopass = false;
            }
            case '!' -> {
                if (!passwordHashes.remove(checkedHash(rule, rest))) {
                    throw new AclRuleException(rule, "The password you are trying to remove from the user does not "
                            + "exist");
                }
                nopass = false;
            }
            case '~' -> addKeyPattern(rule, rest);
            case '&' -> addChannelPattern(rule, rest);
            case '+', '-' -> addCommandRule(rule, op, rest.toLowerCase(Locale.ROOT), table);
            default -> throw new AclRuleException(rule, AclRuleException.SYNTAX);
        }
    }

    private static String checkedHash(String rule, String hash) throws AclRuleException {
        if (!hash.matches("[0-9a-f]{64}")) {
            throw new AclRuleException(rule, "The password hash must be exactly 64 characters and contain only "
                    + "lowercase hexadecimal characters");
        }
        return hash;
    }

    private void setAllKeys() {
        allKeys = true;
        keyPatterns.clear();
    }

    private void setAllChannels() {
        allChannels = true;
        channelPatterns.clear();
    }

    private void addKeyPattern(String rule, String pattern) throws AclRuleException {
        if (allKeys) {
            throw new AclRuleException(rule, "Adding a pattern after the * pattern (or the 'allkeys' flag) is not "
                    + "valid and does not have any effect. Try 'resetkeys' to start with an empty list of patterns");
        }
        if (pattern.equals("*")) {
            setAllKeys();
        } else if (!keyPatterns.contains(pattern)) {
            keyPatterns.add(pattern);
        }
    }

    private void addChannelPattern(String rule, String pattern) throws AclRuleException {
        if (allChannels) {
            throw new AclRuleException(rule, "Adding a pattern after the * pattern (or the 'allchannels' flag) is "
                    + "not valid and does not have any effect. Try 'resetchannels' to start with an empty list of "
                    + "channels");
        }
        if (pattern.equals("*")) {
            setAllChannels();
        } else if (!channelPatterns.contains(pattern)) {
            channelPatterns.add(pattern);
        }
    }

    private void setAllCommands(boolean all) {
        allCommands = all;
        commandRules.clear();
    }

    private void addCommandRule(String rule, char op, String body, Supplier<CommandTable> table) throws AclRuleException {
        if (body.startsWith("@")) {
            if (!AclCategories.ALL.contains(body.substring(1))) {
                throw new AclRuleException(rule, AclRuleException.UNKNOWN);
            }
            commandRules.add(op + body);
            return;
        }
        String[] parts = body.split("\\|", -1);
        CommandSpec command = table.get().lookup(parts[0]);
        boolean redisOnly = command == null && AclCategories.NOT_HERE.contains(parts[0]);
        if ((command == null && !redisOnly) || parts.length > 2 || (parts.length == 2 && parts[1].isEmpty())) {
            throw new AclRuleException(rule, AclRuleException.UNKNOWN);
        }
        if (parts.length == 2 && !redisOnly) {
            if (command.isContainer() && command.subcommand(parts[1]) == null) {
                throw new AclRuleException(rule, AclRuleException.UNKNOWN);
            }
            if (!command.isContainer() && op == '-') {
                throw new AclRuleException(rule, AclRuleException.SYNTAX); // first-arg rules can only allow
            }
        }
        // A rule about a command replaces earlier rules about it (and about its subcommands), as in Redis 7.0.
        commandRules.removeIf(r -> {
            String target = r.substring(1);
            return target.equals(body) || (parts.length == 1 && target.startsWith(body + "|"));
        });
        commandRules.add(op + body);
    }

    // ---- checks ----

    /** Whether this user may run the command (a subcommand's spec for container calls) with these arguments. */
    public boolean canRun(CommandSpec spec, List<byte[]> argv) {
        String full = spec.name();
        int bar = full.indexOf('|');
        String parent = bar < 0 ? full : full.substring(0, bar);
        boolean allowed = allCommands;
        for (String rule : commandRules) {
            boolean plus = rule.charAt(0) == '+';
            String body = rule.substring(1);
            if (body.startsWith("@")) {
                if (AclCategories.of(spec).contains(body.substring(1))) {
                    allowed = plus;
                }
            } else if (body.equals(parent) || body.equals(full)) {
                allowed = plus;
            } else if (bar < 0 && argv.size() > 1 && body.startsWith(parent + "|")
                    && body.substring(parent.length() + 1)
                            .equals(new String(argv.get(1), StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT))) {
                allowed = plus; // first-arg rule, e.g. +select|0
            }
        }
        return allowed;
    }

    /** ~* or allkeys: no key needs checking. */
    public boolean allKeys() {
        return allKeys;
    }

    /** Whether the key matches one of the user's key patterns. */
    public boolean canAccessKey(byte[] key) {
        if (allKeys) {
            return true;
        }
        for (String pattern : keyPatterns) {
            if (Glob.matches(pattern.getBytes(StandardCharsets.ISO_8859_1), key)) {
                return true;
            }
        }
        return false;
    }

    /** &* or allchannels: no channel needs checking. */
    public boolean allChannels() {
        return allChannels;
    }

    /**
     * Whether the user may use this channel: a channel must match one of the user's channel patterns, while a
     * pattern (PSUBSCRIBE) must be one of them, letter for letter, as Redis 7.0 checks them.
     */
    public boolean canAccessChannel(byte[] channel, boolean isPattern) {
        if (allChannels) {
            return true;
        }
        for (String p : channelPatterns) {
            byte[] allowed = p.getBytes(StandardCharsets.ISO_8859_1);
            if (isPattern ? java.util.Arrays.equals(allowed, channel) : Glob.matches(allowed, channel)) {
                return true;
            }
        }
        return false;
    }

    // ---- description ----

    /** ACL GETUSER's flags. */
    public List<String> flags() {
        List<String> out = new ArrayList<>();
        out.add(enabled ? "on" : "off");
        if (nopass) {
            out.add("nopass");
        }
        if (payloadFlag != null) {
            out.add(payloadFlag);
        }
        return out;
    }

    public List<String> passwordHashes() {
        return List.copyOf(passwordHashes);
    }

    /** ACL GETUSER's commands: the base and the rules after it. */
    public String commands() {
        StringBuilder sb = new StringBuilder(allCommands ? "+@all" : "-@all");
        commandRules.forEach(r -> sb.append(' ').append(r));
        return sb.toString();
    }

    /** ACL GETUSER's keys: "~*", or the patterns each with its ~. */
    public String keys() {
        return allKeys ? "~*" : joined("~", keyPatterns);
    }

    /** ACL GETUSER's channels: "&*", or the patterns each with its &. */
    public String channels() {
        return allChannels ? "&*" : joined("&", channelPatterns);
    }

    private static String joined(String prefix, List<String> patterns) {
        StringBuilder sb = new StringBuilder();
        for (String p : patterns) {
            sb.append(sb.length() == 0 ? "" : " ").append(prefix).append(p);
        }
        return sb.toString();
    }

    /** The rules that rebuild this user, as ACL LIST prints them after "user NAME". */
    public String describe() {
        List<String> words = new ArrayList<>(flags());
        passwordHashes.forEach(h -> words.add("#" + h));
        if (!keys().isEmpty()) {
            words.add(keys());
        }
        if (!allChannels) {
            words.add("resetchannels");
        }
        if (!channels().isEmpty()) {
            words.add(channels());
        }
        words.add(commands());
        return String.join(" ", words);
    }

    static String sha256(byte[] password) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(password));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }
}
