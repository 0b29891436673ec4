package dev.trib.cli.command;

import dev.trib.cli.TribRunner;
import dev.trib.commands.fixture.RedisFixture;
import dev.trib.commands.fixture.RedisNode;
import dev.trib.commands.fixture.TestCluster;
import dev.trib.commands.fixture.TlsMaterial;
import dev.trib.planner.topology.ClusterNode;
import dev.trib.planner.topology.NodesParser;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * trib against a TLS cluster as one ACL user: the TLS options and the user on every call, the password from
 * REDISCLI_AUTH. Every result is kept, for the search for secrets at the end.
 */
final class SecuredTrib {
    private final TestCluster cluster;
    private final TlsMaterial tls;
    private final String user;
    private final String password;
    private final List<TribRunner.Result> outputs = new ArrayList<>();

    SecuredTrib(TestCluster cluster, TlsMaterial tls, String user, String password) {
        this.cluster = cluster;
        this.tls = tls;
        this.user = user;
        this.password = password;
    }

    TribRunner.Result trib(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(tls.clientArgs());
        all.addAll(List.of("--user", user));
        return raw(new TribRunner().env("REDISCLI_AUTH", password), all.toArray(String[]::new));
    }

    /** trib exactly as given (no TLS options, no user), kept like the others. */
    TribRunner.Result raw(String... args) {
        return raw(new TribRunner(), args);
    }

    TribRunner.Result raw(TribRunner runner, String... args) {
        TribRunner.Result r = runner.run(args);
        outputs.add(r);
        return r;
    }

    List<TribRunner.Result> outputs() {
        return Collections.unmodifiableList(outputs);
    }

    /** The node every command enters by. */
    String entry() {
        return cluster.node(0).hostPort();
    }

    /** redis-cli --tls --cluster check passes. */
    void assertHealthy() {
        RedisFixture.ProcessResult check = cluster.redisCli("--cluster", "check", entry());
        assertEquals(0, check.exitCode(), check.output());
    }
}
