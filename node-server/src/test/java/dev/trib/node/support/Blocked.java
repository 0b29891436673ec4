package dev.trib.node.support;

import java.time.Duration;

/** Waits until a server lists a client as blocked (CLIENT LIST flag b): its blocking command is waiting. */
public final class Blocked {
    private Blocked() {
    }

    /** The connection's client id on its server. */
    public static String id(RespTestClient client) throws Exception {
        return client.call("CLIENT", "ID").trim().substring(1);
    }

    public static void await(RespTestClient control, String id) throws Exception {
        Poll.until(Duration.ofSeconds(30), "client " + id + " blocked",
                () -> control.call("CLIENT", "LIST", "ID", id).contains(" flags=b"));
    }

    /** Sends a command that blocks on {@code client}, and returns once the server lists it as blocked. */
    public static void send(RespTestClient client, RespTestClient control, String... command) throws Exception {
        String id = id(client);
        client.send(Resp.command(command));
        await(control, id);
    }
}
