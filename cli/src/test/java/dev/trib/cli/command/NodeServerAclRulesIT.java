package dev.trib.cli.command;

import dev.trib.cli.ExitCodes;
import dev.trib.cli.TribRunner;
import dev.trib.commands.fixture.RedisFixture;
import dev.trib.commands.fixture.TestCluster;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** docs/security.md's ACL rule sets on bundled node-servers, created by trib. */
class NodeServerAclRulesIT extends AclRulesContract {
    @Override
    TestCluster startCluster(String[] userArgs) {
        TestCluster cluster = new TestCluster(RedisFixture.startEach(6, HOSTS,
                ip -> RedisFixture.startNodeServer(ip, userArgs)));
        List<String> create = new ArrayList<>(List.of("create", "--replicas", "1", "--yes"));
        create.addAll(List.of(cluster.hostPorts()));
        TribRunner.Result r = TribRunner.trib(create.toArray(String[]::new));
        assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
        cluster.awaitHealthy();
        return cluster;
    }
}
