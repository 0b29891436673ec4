package dev.trib.node.command.scripting;

import dev.trib.node.support.ReplyDiff;
import dev.trib.node.support.SideBySide;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The C libraries Redis loads into scripts, cmsgpack and struct, against a standalone redis-server 7.0, every reply
 * byte-identical, once from a RESP2 caller and once from a RESP3 one: packed bytes for each number range, string
 * length, table shape and nesting; unpacking of every format byte, truncated and bad input, offsets and limits;
 * struct's formats, alignment, endianness, C-cast overflow and each argument error; maps of several keys, whose
 * order is the table's (Lua51Table lays tables out as Lua 5.1 does).
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ScriptLibrariesDifferentialTest {
    private static final List<String> SCRIPTS = new ArrayList<>();

    private static void e(String script) {
        SCRIPTS.add(script);
    }

    static {
        // cmsgpack.pack: integers by range, floats and doubles, strings by length, booleans, nil and the rest.
        e("return cmsgpack.pack(1)");
        e("return cmsgpack.pack(0, 1, 127, 128, 255, 256, 65535, 65536, 4294967295, 4294967296,"
                + " 2^53, 2^62, 2^63, 2^64)");
        e("return cmsgpack.pack(-1, -32, -33, -128, -129, -32768, -32769, -2147483648, -2147483649,"
                + " -2^53, -2^63, -2^64)");
        e("return cmsgpack.pack(0.5, 1.5, -0.5, 0.1, 3.14159, 1e300, -1e-300, 1/0, -1/0, 0/0, -0.0, 2^31 + 0.5)");
        e("return cmsgpack.pack(math.huge - math.huge)");
        e("return cmsgpack.pack('', 'a', string.rep('x', 31), string.rep('y', 32), string.rep('z',"
                + " 255), string.rep('w', 256))");
        e("return cmsgpack.pack(string.rep('v', 65535))");
        e("return #cmsgpack.pack(string.rep('v', 65536))");
        e("return string.sub(cmsgpack.pack(string.rep('v', 70000)), 1, 8)");
        e("return cmsgpack.pack(true, false, nil, 'x')");
        e("return cmsgpack.pack(nil)");
        e("return cmsgpack.pack()");
        e("return cmsgpack.pack(redis.call, cjson.null, coroutine.create(function() end))");
        e("return cmsgpack.pack({})");
        e("return cmsgpack.pack({1, 2, 3})");
        e("return cmsgpack.pack({1, 2, nil, 4})");
        e("return cmsgpack.pack({[1]=1, [2]=2, [4]=4})");
        e("return cmsgpack.pack({x=1, 'y'})");
        e("return cmsgpack.pack({name='n', id=7, tags={'a', 'b'}, meta={x=1, y=2, z=3}, on=true})");
        e("return cmsgpack.pack({[2]=2})");
        e("return cmsgpack.pack({[0]=1})");
        e("return cmsgpack.pack({[1.5]=1})");
        e("return cmsgpack.pack({[-1]='neg'})");
        e("return cmsgpack.pack({a=1})");
        e("return cmsgpack.pack({a={b={c={1, 2, {d='e'}}}}})");
        e("return cmsgpack.pack({{1}, {2}, {{3}}})");
        e("return cmsgpack.pack({[true]=false})");
        e("return cmsgpack.pack({1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17})");
        e("local t = {} for i = 1, 70000 do t[i] = i % 3 end return string.sub(cmsgpack.pack(t), 1, 12)");
        e("local t = {} for i = 1, 300 do t[i] = i end return string.sub(cmsgpack.pack(t), 1, 10)");
        e("local t = {} t.self = t return cmsgpack.pack(t)");
        e("local t = {} local c = t for i = 1, 20 do c[1] = {} c = c[1] end return cmsgpack.pack(t)");
        e("local t = {} local c = t for i = 1, 20 do c.k = {} c = c.k end return cmsgpack.pack(t)");
        e("local t = {} for i = 1, 17 do t[i] = {i} end return cmsgpack.pack(t)");
        e("return cmsgpack.pack({2^31})");
        e("return cmsgpack.pack({[2^31]=1})");
        e("return cmsgpack.pack({[2^31 - 1]=1})");
        e("return cmsgpack.unpack(cmsgpack.pack(1, 'two', {3, 4}, {five=5}, true, false, 0.25, -7))");
        e("return {cmsgpack.unpack(cmsgpack.pack(1, 'two', {3, 4}, {five=5}, true, false, 0.25, -7))}");
        e("local t = {cmsgpack.unpack(cmsgpack.pack(1, 'two', {3, 4}, {five=5}, true, false, 0.25,"
                + " -7))} return {t[3][2], t[4].five, type(t[5]), t[7] * 4}");
        e("return {cmsgpack.unpack('\\204\\255\\205\\1\\0\\206\\0\\1\\0\\0\\207\\0\\0\\0\\1\\0\\0\\0\\0'"
                + " .. '\\208\\128\\209\\128\\0\\210\\128\\0\\0\\0\\211\\255\\255\\255\\255\\255\\255\\255\\255')}");
        e("return {cmsgpack.unpack('\\207\\255\\255\\255\\255\\255\\255\\255\\255')}");
        e("return {cmsgpack.unpack('\\207\\128\\0\\0\\0\\0\\0\\0\\0')}");
        e("return tostring(cmsgpack.unpack('\\202\\63\\192\\0\\0'))");
        e("return tostring(cmsgpack.unpack('\\203\\63\\185\\153\\153\\153\\153\\153\\154'))");
        e("return {cmsgpack.unpack('\\127\\224\\255\\192\\194\\195')}");
        e("return cmsgpack.unpack('\\217\\3abc')");
        e("return cmsgpack.unpack('\\218\\0\\3abc')");
        e("return cmsgpack.unpack('\\219\\0\\0\\0\\3abc')");
        e("return cmsgpack.unpack('\\163abc')");
        e("return cmsgpack.unpack('\\146\\1\\2')");
        e("return cmsgpack.unpack('\\220\\0\\2\\1\\2')");
        e("return cmsgpack.unpack('\\221\\0\\0\\0\\2\\1\\2')");
        e("return cmsgpack.unpack('\\129\\161a\\1').a");
        e("return cmsgpack.unpack('\\222\\0\\1\\161a\\1').a");
        e("return cmsgpack.unpack('\\223\\0\\0\\0\\1\\161a\\1').a");
        e("return cmsgpack.unpack('\\147\\1\\192\\3')");
        e("return #cmsgpack.unpack('\\147\\1\\192\\3')");
        e("return cmsgpack.unpack('\\130\\1\\161a\\2\\161b')");
        e("return cmsgpack.unpack('')");
        e("return cmsgpack.unpack('\\204')");
        e("return cmsgpack.unpack('\\205\\1')");
        e("return cmsgpack.unpack('\\163ab')");
        e("return cmsgpack.unpack('\\146\\1')");
        e("return cmsgpack.unpack('\\129\\161a')");
        e("return cmsgpack.unpack('\\219\\255\\255\\255\\255ab')");
        e("return cmsgpack.unpack('\\221\\255\\255\\255\\255')");
        e("return cmsgpack.unpack('\\193')");
        e("return cmsgpack.unpack('\\196\\1a')");
        e("return cmsgpack.unpack('\\199\\1\\1a')");
        e("return cmsgpack.unpack('\\146\\193')");
        e("return cmsgpack.unpack('\\129\\192\\1')");
        e("return cmsgpack.unpack('\\129\\203\\255\\248\\0\\0\\0\\0\\0\\0\\1')");
        e("return cmsgpack.unpack()");
        e("return cmsgpack.unpack(nil)");
        e("return cmsgpack.unpack({})");
        e("return cmsgpack.unpack(1)");
        e("return cmsgpack.unpack(12)");
        e("return cmsgpack.unpack('\\1\\2', 'extra')");
        e("return {cmsgpack.unpack_one('\\1\\2\\3')}");
        e("return {cmsgpack.unpack_one('\\1\\2\\3', 1)}");
        e("return {cmsgpack.unpack_one('\\1\\2\\3', 2)}");
        e("return {cmsgpack.unpack_one('\\1\\2\\3', 3)}");
        e("return {cmsgpack.unpack_one('\\1\\2\\3', 4)}");
        e("return {cmsgpack.unpack_one('\\1\\2\\3', -1)}");
        e("return {cmsgpack.unpack_one('\\1\\2\\3', 'x')}");
        e("return {cmsgpack.unpack_one('\\1\\2\\3', '1')}");
        e("return {cmsgpack.unpack_one('\\1\\2\\3', 1.7)}");
        e("return {cmsgpack.unpack_one()}");
        e("return {cmsgpack.unpack_one('')}");
        e("return {cmsgpack.unpack_one('\\1\\2\\3', nil)}");
        e("return {cmsgpack.unpack_limit('\\1\\2\\3', 2)}");
        e("return {cmsgpack.unpack_limit('\\1\\2\\3', 5)}");
        e("return {cmsgpack.unpack_limit('\\1\\2\\3', 0)}");
        e("return {cmsgpack.unpack_limit('\\1\\2\\3', 0, 1)}");
        e("return {cmsgpack.unpack_limit('\\1\\2\\3', 1, 2)}");
        e("return {cmsgpack.unpack_limit('\\1\\2\\3', -1)}");
        e("return {cmsgpack.unpack_limit('\\1\\2\\3')}");
        e("return {cmsgpack.unpack_limit('\\1\\2\\3', 'x')}");
        e("return {cmsgpack.unpack_limit()}");
        e("return {cmsgpack.unpack_limit(nil, 1)}");
        e("local s = cmsgpack.pack(1, 2, 3) local out, off = {}, 0 while off ~= -1 do local v off,"
                + " v = cmsgpack.unpack_one(s, off) out[#out + 1] = v end return out");
        e("return {cmsgpack._NAME, cmsgpack._VERSION, cmsgpack._COPYRIGHT, cmsgpack._DESCRIPTION}");
        e("return {type(cmsgpack.pack), type(cmsgpack.unpack), type(cmsgpack.unpack_one),"
                + " type(cmsgpack.unpack_limit)}");
        e("return type(cmsgpack_safe)");
        e("cmsgpack.pack = nil");
        e("cmsgpack.foo = 1");
        e("return #{cmsgpack.unpack(string.rep('\\1', 7990))}");
        e("return #{cmsgpack.unpack(string.rep('\\1', 8005))}");
        e("return #{cmsgpack.unpack_limit(string.rep('\\1', 8005), 7990)}");
        e("return type(cmsgpack.unpack(string.rep('\\145', 3990) .. '\\1'))");
        e("return type(cmsgpack.unpack(string.rep('\\145', 4005) .. '\\1'))");
        e("return type(cmsgpack.unpack(string.rep('\\129\\1', 3990) .. '\\1'))");
        e("return type(cmsgpack.unpack(string.rep('\\129\\1', 8005) .. '\\1'))");
        e("return type(cmsgpack.unpack(string.rep('\\129', 8005) .. '\\1'))");
        e("local t = {} for i = 1, 4001 do t[i] = i end return #cmsgpack.pack(unpack(t))");
        e("local t = {} for i = 1, 4000 do t[i] = i end return #cmsgpack.pack(unpack(t))");
        // Multi-key maps through a round trip, read back by key (their packed order is the table's).
        e("local t = cmsgpack.unpack(cmsgpack.pack({a=1, b={2, 3}, c='x', [10]=true})) "
                + "return {t.a, t.b[2], t.c, tostring(t[10])}");
        e("local n = 0 for k, v in pairs(cmsgpack.unpack(cmsgpack.pack({a=1, b=2, c=3, d=4}))) do n = n + v end "
                + "return n");
        // struct.
        e("return struct.pack('b', 1)");
        e("return struct.pack('bBhHlLTiI', -1, 255, -2, 65535, -3, 4, 5, -6, 7)");
        e("return struct.pack('>bBhHlLTiI', -1, 255, -2, 65535, -3, 4, 5, -6, 7)");
        e("return struct.pack('<h>h<h', 1, 2, 3)");
        e("return struct.pack('i1i2i3i5i8i16', 1, -2, 3, -4, 5, -6)");
        e("return struct.pack('>i3I7', -2, 2^40)");
        e("return struct.pack('I33', 1)");
        e("return struct.pack('i99999999999', 1)");
        e("return struct.pack('B', 256)");
        e("return struct.pack('b', 200)");
        e("return struct.pack('h', 70000)");
        e("return struct.pack('i', 2^31)");
        e("return struct.pack('L', 2^63)");
        e("return struct.pack('L', 2^64)");
        e("return struct.pack('l', -2^63)");
        e("return struct.pack('l', -2^64)");
        e("return struct.pack('L', 1.9)");
        e("return struct.pack('l', -1.9)");
        e("return struct.pack('I', '12')");
        e("return struct.pack('I', 'x')");
        e("return struct.pack('I')");
        e("return struct.pack('I', nil)");
        e("return struct.pack('f', 1.5)");
        e("return struct.pack('>f<f', 0.1, -2.5)");
        e("return struct.pack('d', 0.1)");
        e("return struct.pack('>d', 1e300)");
        e("return struct.pack('f', 1e300)");
        e("return struct.pack('d', 1/0)");
        e("return struct.pack('>d', 0/0)");
        e("return struct.pack('>f', 0/0)");
        e("return struct.pack('s', 'hello')");
        e("return struct.pack('ss', '', 'a')");
        e("return struct.pack('c5', 'hello world')");
        e("return struct.pack('c', 'xyz')");
        e("return struct.pack('c0', 'whole')");
        e("return struct.pack('c10', 'short')");
        e("return struct.pack('s', 12)");
        e("return struct.pack('s', {})");
        e("return struct.pack('xxbx', 1)");
        e("return struct.pack(' b b ', 1, 2)");
        e("return struct.pack('!4bi', 1, 2)");
        e("return struct.pack('!bd', 1, 2)");
        e("return struct.pack('!2bib', 1, 2, 3)");
        e("return struct.pack('!8bhbib', 1, 2, 3, 4, 5)");
        e("return struct.pack('!3b', 1)");
        e("return struct.pack('!0b', 1)");
        e("return struct.pack('!16bd', 1, 2)");
        e("return struct.pack('!4bi3', 1, 2)");
        e("return struct.pack('!4bc3', 1, 'abc')");
        e("return struct.pack('!4bs', 1, 'abc')");
        e("return struct.pack('z', 1)");
        e("return struct.pack('5', 1)");
        e("return struct.pack('')");
        e("return struct.pack()");
        e("return struct.pack(1)");
        e("return struct.pack('b\\0b', 1, 2)");
        e("return struct.pack('b', 1, 2, 3)");
        e("return {struct.unpack('b', '\\255')}");
        e("return {struct.unpack('bBhHlLTiI', struct.pack('bBhHlLTiI', -1, 255, -2, 65535, -3, 4, 5, -6, 7))}");
        e("return {struct.unpack('>bBhHlLTiI', struct.pack('>bBhHlLTiI', -1, 255, -2, 65535, -3, 4, 5, -6, 7))}");
        e("return {struct.unpack('i3I3i5', '\\255\\255\\255\\255\\255\\255\\1\\0\\0\\0\\128')}");
        e("return {struct.unpack('>i16', string.rep('\\255', 16))}");
        e("return {struct.unpack('<I16', '\\1' .. string.rep('\\0', 15))}");
        e("return {struct.unpack('<I16', string.rep('\\0', 8) .. '\\1' .. string.rep('\\0', 7))}");
        e("return {struct.unpack('>i12', string.rep('\\0', 4) .. '\\128' .. string.rep('\\0', 7))}");
        e("return {struct.unpack('f', struct.pack('f', 1.5))}");
        e("return {struct.unpack('s', 'abc\\0def')}");
        e("return {struct.unpack('ss', 'abc\\0def\\0')}");
        e("return {struct.unpack('s', 'abc')}");
        e("return {struct.unpack('c3', 'abcdef')}");
        e("return {struct.unpack('c', 'abcdef')}");
        e("return {struct.unpack('bc0', '\\3abcdef')}");
        e("return {struct.unpack('c1c0', '3abcdef')}");
        e("return {struct.unpack('c0', 'abcdef')}");
        e("return {struct.unpack('sc0', 'x\\0abc')}");
        e("return {struct.unpack('bc0', '\\9abc')}");
        e("return {struct.unpack('c7', 'abc')}");
        e("return {struct.unpack('xxb', '\\1\\2\\3')}");
        e("return {struct.unpack('!4bi', '\\1\\0\\0\\0\\2\\0\\0\\0')}");
        e("return {struct.unpack('!4bi', '\\1\\0\\0\\0\\2\\0\\0')}");
        e("return {struct.unpack('b', '\\1\\2\\3', 2)}");
        e("return {struct.unpack('b', '\\1\\2\\3', 3)}");
        e("return {struct.unpack('b', '\\1\\2\\3', 4)}");
        e("return {struct.unpack('b', '\\1\\2\\3', 0)}");
        e("return {struct.unpack('b', '\\1\\2\\3', -1)}");
        e("return {struct.unpack('', '\\1\\2\\3', -5)}");
        e("return {struct.unpack('', '\\1\\2\\3', 9)}");
        e("return {struct.unpack('b', '\\1\\2\\3', 'x')}");
        e("return {struct.unpack('b', '\\1\\2\\3', 2.9)}");
        e("return {struct.unpack('b')}");
        e("return {struct.unpack()}");
        e("return {struct.unpack('z', 'abc')}");
        e("return {struct.unpack('b', 5)}");
        e("return {struct.unpack('', '')}");
        e("return {struct.unpack('!3b', 'a')}");
        e("return #{struct.unpack(string.rep('b', 8100), string.rep('\\1', 8100))}");
        e("return #{struct.unpack(string.rep('b', 7990), string.rep('\\1', 8100))}");
        e("return {struct.size('bBhHlLTiI'), struct.size('i3'), struct.size('!8bd'),"
                + " struct.size('!4bd'), struct.size('c5xx'), struct.size('')}");
        e("return struct.size('s')");
        e("return struct.size('c0')");
        e("return struct.size('bc0')");
        e("return struct.size('z')");
        e("return struct.size('!')");
        e("return struct.size('!3')");
        e("return struct.size('%')");
        e("return struct.size('>b<h')");
        e("return struct.size()");
        e("return struct.size(12)");
        e("return struct.size('i40')");
        e("return {type(struct.pack), type(struct.unpack), type(struct.size)}");
        e("struct.pack = nil");
        e("return {struct.unpack('>HH', struct.pack('>HH', 258, 772))}");
        e("return struct.pack('II', 1)");
        e("return struct.pack('s')");
        e("return tostring(struct.unpack('L', string.rep('\\255', 8)))");
        e("return tostring(struct.unpack('l', string.rep('\\255', 7) .. '\\127'))");
        e("return tostring(struct.unpack('>L', '\\128\\0\\0\\0\\0\\0\\0\\1'))");
        e("return tostring(struct.unpack('>f', struct.pack('>f', 0.1)))");
        e("return tostring(struct.unpack('d', struct.pack('d', 0.1)))");
        e("return tostring(struct.unpack('<d', '\\0\\0\\0\\0\\0\\0\\240\\127'))");
        e("return string.format('%.14g', struct.unpack('L', string.rep('\\255', 8)))");
        e("return string.format('%.17g', struct.unpack('>f', struct.pack('>f', 0.1)))");
    }

    @Test
    void librariesMatchRedis() throws Exception {
        List<String[]> evals = SCRIPTS.stream().map(script -> new String[] {"EVAL", script, "0"}).toList();
        try (SideBySide both = SideBySide.standalone()) {
            ReplyDiff diff = new ReplyDiff();
            both.run(evals, diff, 2);
            both.run(evals, diff, 3);
            diff.assertNone();
        }
    }
}
