package dev.trib.cli.command;

import dev.trib.commands.fixture.RedisFixture;
import dev.trib.commands.fixture.TestCluster;

/** docs/security.md's ACL rule sets on redis-server nodes. */
class AclRulesIT extends AclRulesContract {
    @Override
    TestCluster startCluster(String[] userArgs) {
        RedisFixture.assumeAvailable();
        return TestCluster.start(6, HOSTS, userArgs).createWithRedisCli(1);
    }
}
