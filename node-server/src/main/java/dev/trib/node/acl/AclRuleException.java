package dev.trib.node.acl;

/** An ACL rule that cannot be applied; the message is Redis 7.0's reason text for it. */
public final class AclRuleException extends Exception {
    private static final long serialVersionUID = 1L;

    static final String SYNTAX = "Syntax error";
    static final String UNKNOWN = "Unknown command or category name in ACL";

    private final String rule;

    AclRuleException(String rule, String reason) {
        super(reason, null, false, false);
        this.rule = rule;
    }

    /** The rule as given. */
    public String rule() {
        return rule;
    }
}
