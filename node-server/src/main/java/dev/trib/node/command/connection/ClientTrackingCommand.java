package dev.trib.node.command.connection;

import dev.trib.node.resp.SetReply;
import dev.trib.node.resp.MapReply;
import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.command.Errors;
import dev.trib.node.resp.BulkReply;
import dev.trib.node.resp.ErrorReply;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;
import dev.trib.node.text.CText;
import dev.trib.node.text.IntegerText;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** CLIENT TRACKING ON|OFF [options], CLIENT CACHING YES|NO, CLIENT GETREDIR and CLIENT TRACKINGINFO. */
record ClientTrackingCommand(Tracking tracking, String sub) implements Command {
    private static final ErrorReply SWITCH_BCAST = new ErrorReply("ERR You can't switch BCAST mode on/off before "
            + "disabling tracking for this client, and then re-enabling it with a different mode.");
    private static final ErrorReply SWITCH_OPT = new ErrorReply("ERR You can't switch OPTIN/OPTOUT mode before "
            + "disabling tracking for this client, and then re-enabling it with a different mode.");

    @Override
    public RespReply execute(CommandRequest request) {
        Tracking.State current = tracking.state(request.session());
        switch (sub) {
            case "getredir":
                return Replies.integer(current == null ? -1 : current.redirect);
            case "trackinginfo":
                return info(current);
            case "caching":
                return caching(request, current);
            default:
                return track(request, current);
        }
    }

    private RespReply track(CommandRequest request, Tracking.State current) {
        Tracking.State next = new Tracking.State();
        boolean redirectGiven = false;
        for (int j = 3; j < request.argc(); j++) {
            boolean more = request.argc() - 1 - j > 0;
            if (request.argIs(j, "redirect") && more) {
                j++;
                if (redirectGiven) {
                    return new ErrorReply("ERR A client can only redirect to a single other client");
                }
                Long id = IntegerText.parse(request.arg(j));
                if (id == null) {
                    return Errors.NOT_INTEGER;
                }
                if (tracking.byId(id) == null) {
                    return new ErrorReply("ERR The client ID you want redirect to does not exist");
                }
                next.redirect = id;
                redirectGiven = true;
            } else if (request.argIs(j, "bcast")) {
                next.bcast = true;
            } else if (request.argIs(j, "optin")) {
                next.optin = true;
            } else if (request.argIs(j, "optout")) {
                next.optout = true;
            } else if (request.argIs(j, "noloop")) {
                next.noloop = true;
            } else if (request.argIs(j, "prefix") && more) {
                next.prefixes.add(request.arg(++j));
            } else {
                return Errors.SYNTAX;
            }
        }
        if (request.argIs(2, "off")) {
            tracking.disable(request.session());
            return Replies.OK;
        }
        if (!request.argIs(2, "on")) {
            return Errors.SYNTAX;
        }
        if (!next.bcast && !next.prefixes.isEmpty()) {
            return new ErrorReply("ERR PREFIX option requires BCAST mode to be enabled");
        }
        if (current != null && current.bcast != next.bcast) {
            return SWITCH_BCAST;
        }
        if (next.bcast && (next.optin || next.optout)) {
            return new ErrorReply("ERR OPTIN and OPTOUT are not compatible with BCAST");
        }
        if (next.optin && next.optout) {
            return new ErrorReply("ERR You can't specify both OPTIN mode and OPTOUT mode");
        }
        if (current != null && ((next.optin && current.optout) || (next.optout && current.optin))) {
            return SWITCH_OPT;
        }
        if (next.bcast) {
            List<byte[]> existing = current == null ? List.of() : current.prefixes;
            for (int i = 0; i < next.prefixes.size(); i++) {
                byte[] p = next.prefixes.get(i);
                for (byte[] old : existing) {
                    if (overlap(old, p)) {
                        return ErrorReply.formatted("Prefix '" + CText.printed(p, 1024) + "' overlaps with an "
                                + "existing prefix '" + CText.printed(old, 1024)
                                + "'. Prefixes for a single client must not overlap.");
                    }
                }
                for (int k = i + 1; k < next.prefixes.size(); k++) {
                    if (overlap(p, next.prefixes.get(k))) {
                        return ErrorReply.formatted("Prefix '" + CText.printed(p, 1024) + "' overlaps with another "
                                + "provided prefix '" + CText.printed(next.prefixes.get(k), 1024)
                                + "'. Prefixes for a single client must not overlap.");
                    }
                }
            }
            if (current != null) {
                List<byte[]> all = new ArrayList<>(current.prefixes);
                all.addAll(next.prefixes);
                next.prefixes.clear();
                next.prefixes.addAll(all);
            }
        }
        tracking.enable(request.session(), next);
        return Replies.OK;
    }

    private static boolean overlap(byte[] a, byte[] b) {
        int n = Math.min(a.length, b.length);
        return Arrays.equals(a, 0, n, b, 0, n);
    }

    private RespReply caching(CommandRequest request, Tracking.State current) {
        if (current == null) {
            return new ErrorReply("ERR CLIENT CACHING can be called only when the client is in tracking mode with "
                    + "OPTIN or OPTOUT mode enabled");
        }
        if (request.argIs(2, "yes")) {
            if (!current.optin) {
                return new ErrorReply("ERR CLIENT CACHING YES is only valid when tracking is enabled in OPTIN mode.");
            }
        } else if (request.argIs(2, "no")) {
            if (!current.optout) {
                return new ErrorReply("ERR CLIENT CACHING NO is only valid when tracking is enabled in OPTOUT mode.");
            }
        } else {
            return Errors.SYNTAX;
        }
        current.caching = true;
        return Replies.OK;
    }

    private static RespReply info(Tracking.State st) {
        List<RespReply> flags = new ArrayList<>();
        flags.add(BulkReply.of(st == null ? "off" : "on"));
        List<RespReply> prefixes = new ArrayList<>();
        if (st != null) {
            if (st.bcast) {
                flags.add(BulkReply.of("bcast"));
            }
            if (st.optin) {
                flags.add(BulkReply.of("optin"));
                if (st.caching) {
                    flags.add(BulkReply.of("caching-yes"));
                }
            }
            if (st.optout) {
                flags.add(BulkReply.of("optout"));
                if (st.caching) {
                    flags.add(BulkReply.of("caching-no"));
                }
            }
            if (st.noloop) {
                flags.add(BulkReply.of("noloop"));
            }
            if (st.brokenRedirect) {
                flags.add(BulkReply.of("broken_redirect"));
            }
            List<byte[]> sorted = new ArrayList<>(st.prefixes);
            if (st.bcast && sorted.isEmpty()) {
                sorted.add(new byte[0]);
            }
            sorted.sort(Arrays::compareUnsigned);
            for (byte[] p : sorted) {
                prefixes.add(new BulkReply(p));
            }
        }
        return new MapReply(List.of(BulkReply.of("flags"), new SetReply(flags), BulkReply.of("redirect"),
                Replies.integer(st == null ? -1 : st.redirect), BulkReply.of("prefixes"), Replies.array(prefixes)));
    }
}
