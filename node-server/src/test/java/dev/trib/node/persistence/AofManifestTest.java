package dev.trib.node.persistence;

import java.util.List;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AofManifestTest {
    @Test
    void readsRedisServersManifestAndLoadsBaseThenIncrementsInOrder() {
        AofManifest m = AofManifest.parse("file appendonly.aof.3.base.rdb seq 3 type b\n"
                + "file appendonly.aof.2.incr.aof seq 2 type h\n"
                + "file appendonly.aof.4.incr.aof seq 4 type i\n"
                + "file appendonly.aof.5.incr.aof seq 5 type i\n");
        assertEquals(List.of("appendonly.aof.3.base.rdb", "appendonly.aof.4.incr.aof", "appendonly.aof.5.incr.aof"),
                m.loadOrder().stream().map(AofManifest.Entry::name).toList());
        assertEquals("appendonly.aof.5.incr.aof", m.lastIncr().name());
        assertEquals(5, m.maxSeq(AofManifest.INCR));
        assertEquals(3, m.maxSeq(AofManifest.BASE));
    }

    @Test
    void rendersWhatItParses() {
        String text = "file appendonly.aof.1.base.rdb seq 1 type b\nfile appendonly.aof.1.incr.aof seq 1 type i\n";
        assertEquals(text, AofManifest.parse(text).render());
        assertEquals(AofManifest.incrName("appendonly.aof", 1), AofManifest.parse(text).lastIncr().name());
        assertEquals(AofManifest.baseName("appendonly.aof", 1), AofManifest.parse(text).loadOrder().get(0).name());
    }

    @Test
    void aBaseOnlyManifestHasNoIncrementAndBadLinesAreRefused() {
        assertNull(AofManifest.parse("# comment\n\nfile a.1.base.rdb seq 1 type b\n").lastIncr());
        assertThrows(IllegalArgumentException.class, () -> AofManifest.parse("file a.1.base.rdb seq 1 type x\n"));
        assertThrows(IllegalArgumentException.class, () -> AofManifest.parse("file a.1.base.rdb type b\n"));
    }
}
