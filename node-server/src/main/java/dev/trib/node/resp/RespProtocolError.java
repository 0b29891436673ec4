package dev.trib.node.resp;

/**
 * Emitted once by the decoder when the input is not valid RESP. The connection must answer
 * {@code -ERR Protocol error: <detail>} and close, as Redis does; the decoder drops all later input.
 *
 * @param detail the text after "Protocol error: ", e.g. "invalid multibulk length"
 */
public record RespProtocolError(String detail) {
    public ErrorReply toReply() {
        return new ErrorReply("ERR Protocol error: " + detail);
    }
}
