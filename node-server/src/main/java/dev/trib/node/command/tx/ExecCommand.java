package dev.trib.node.command.tx;

import dev.trib.node.command.ClientSession;
import dev.trib.node.command.Command;
import dev.trib.node.command.CommandDispatcher;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.command.Transaction;
import dev.trib.node.resp.ErrorReply;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;
import java.util.ArrayList;
import java.util.List;

/**
 * EXEC: runs the queued commands one after another with nothing in between, each reply (errors included) in
 * place; nothing when a command was refused while queueing (EXECABORT) or a watched key changed (null array).
 */
record ExecCommand(CommandDispatcher dispatcher) implements Command {
    private static final ErrorReply WITHOUT_MULTI = new ErrorReply("ERR EXEC without MULTI");
    private static final ErrorReply ABORTED =
            new ErrorReply("EXECABORT Transaction discarded because of previous errors.");

    @Override
    public RespReply execute(CommandRequest request) {
        ClientSession session = request.session();
        Transaction transaction = session.transaction();
        if (transaction == null) {
            return WITHOUT_MULTI;
        }
        boolean changed = session.watchedKeyChanged();
        session.endTransaction();
        if (transaction.aborted()) {
            return ABORTED;
        }
        if (changed) {
            return Replies.NULL_ARRAY;
        }
        session.inExec(true);
        try {
            return dispatcher.atomically(() -> {
                List<RespReply> replies = new ArrayList<>(transaction.queued().size());
                for (Transaction.Queued q : transaction.queued()) {
                    replies.add(dispatcher.callQueued(q.spec(), q.argv(), session));
                }
                return Replies.array(replies);
            });
        } finally {
            session.inExec(false);
        }
    }
}
