package dev.trib.node.command;

import dev.trib.node.resp.ErrorReply;
import dev.trib.node.text.CText;
import java.util.List;

/** Error replies with Redis 7.0's exact wording. */
public final class Errors {
    public static final ErrorReply SYNTAX = new ErrorReply("ERR syntax error");
    public static final ErrorReply WRONGTYPE =
            new ErrorReply("WRONGTYPE Operation against a key holding the wrong kind of value");
    public static final ErrorReply CLUSTER_DISABLED = new ErrorReply("ERR This instance has cluster support disabled");
    public static final ErrorReply NOT_INTEGER = new ErrorReply("ERR value is not an integer or out of range");
    public static final ErrorReply NOT_FLOAT = new ErrorReply("ERR value is not a valid float");
    public static final ErrorReply OUT_OF_RANGE = new ErrorReply("ERR value is out of range");
    public static final ErrorReply NOT_POSITIVE = new ErrorReply("ERR value is out of range, must be positive");
    public static final ErrorReply NO_SUCH_KEY = new ErrorReply("ERR no such key");
    public static final ErrorReply INDEX_OUT_OF_RANGE = new ErrorReply("ERR index out of range");
    public static final ErrorReply INVALID_CURSOR = new ErrorReply("ERR invalid cursor");
    public static final ErrorReply OVERFLOW = new ErrorReply("ERR increment or decrement would overflow");
    public static final ErrorReply NAN_OR_INFINITY = new ErrorReply("ERR increment would produce NaN or Infinity");
    public static final ErrorReply STRING_TOO_LONG =
            new ErrorReply("ERR string exceeds maximum allowed size (proto-max-bulk-len)");

    public static final ErrorReply NOAUTH = new ErrorReply("NOAUTH Authentication required.");
    public static final ErrorReply WRONGPASS =
            new ErrorReply("WRONGPASS invalid username-password pair or user is disabled.");

    private Errors() {
    }

    public static ErrorReply wrongArity(String commandName) {
        return ErrorReply.formatted("wrong number of arguments for '" + commandName + "' command");
    }

    public static ErrorReply invalidExpireTime(String commandName) {
        return ErrorReply.formatted("invalid expire time in '" + commandName + "' command");
    }

    public static ErrorReply valueOutOfRange(long min, long max) {
        return ErrorReply.formatted("value is out of range, value must between " + min + " and " + max);
    }

    /**
     * Redis quotes the name (at most 128 bytes) and then the arguments while the quoted list is
     * shorter than 128 bytes, each truncated to what still fits; arguments print as C strings.
     */
    public static ErrorReply unknownCommand(List<byte[]> argv) {
        StringBuilder args = new StringBuilder();
        for (int i = 1; i < argv.size() && args.length() < 128; i++) {
            String printed = CText.printed(argv.get(i), 128 - args.length());
            args.append('\'').append(printed).append("' ");
        }
        return new ErrorReply("ERR unknown command '" + CText.printed(argv.get(0), 128)
                + "', with args beginning with: " + args);
    }

    /** A known container's subcommand given the wrong arguments (addReplySubcommandSyntaxError). */
    public static ErrorReply subcommandSyntax(List<byte[]> argv) {
        return new ErrorReply("ERR unknown subcommand or wrong number of arguments for '"
                + CText.printed(argv.get(1), 128) + "'. Try "
                + CText.printed(argv.get(0), 128).toUpperCase(java.util.Locale.ROOT) + " HELP.");
    }

    public static RedisError fail(ErrorReply reply) {
        return new RedisError(reply);
    }
}
