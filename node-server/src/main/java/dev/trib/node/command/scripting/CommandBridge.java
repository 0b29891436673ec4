package dev.trib.node.command.scripting;

import dev.trib.node.resp.RespReply;
import java.util.List;

/** How redis.call reaches the dataset: runs one command for the script and returns its reply (or the refusal). */
@FunctionalInterface
interface CommandBridge {
    RespReply call(ScriptRun run, List<byte[]> argv);
}
