package dev.trib.node.rdb;

import dev.trib.node.keyspace.HashValue;
import dev.trib.node.keyspace.Key;
import dev.trib.node.keyspace.ListValue;
import dev.trib.node.keyspace.RedisValue;
import dev.trib.node.keyspace.SetValue;
import dev.trib.node.keyspace.SkipList;
import dev.trib.node.keyspace.StringValue;
import dev.trib.node.keyspace.ZSetValue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One value in Redis's RDB object format (RDB version 10, Redis 7.0). Reads every encoding redis-server 7.0 writes
 * for strings, lists, sets, sorted sets and hashes; writes the plain encodings, which redis-server loads too.
 */
public final class RdbValues {
    static final int TYPE_STRING = 0;
    static final int TYPE_LIST = 1;
    static final int TYPE_SET = 2;
    static final int TYPE_ZSET = 3;
    static final int TYPE_HASH = 4;
    static final int TYPE_ZSET_2 = 5;
    static final int TYPE_HASH_ZIPMAP = 9;
    static final int TYPE_LIST_ZIPLIST = 10;
    static final int TYPE_SET_INTSET = 11;
    static final int TYPE_ZSET_ZIPLIST = 12;
    static final int TYPE_HASH_ZIPLIST = 13;
    static final int TYPE_LIST_QUICKLIST = 14;
    static final int TYPE_HASH_LISTPACK = 16;
    static final int TYPE_ZSET_LISTPACK = 17;
    static final int TYPE_LIST_QUICKLIST_2 = 18;
    private static final int QUICKLIST_NODE_PLAIN = 1;

    private RdbValues() {
    }

    // ---- writing -------------------------------------------------------------------------------------------

    /** The type byte followed by the value's body. */
    public static byte[] write(RedisValue value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (value instanceof StringValue s) {
            out.write(TYPE_STRING);
            writeString(out, s.bytes());
        } else if (value instanceof ListValue l) {
            out.write(TYPE_LIST);
            List<byte[]> items = l.toList();
            writeLength(out, items.size());
            items.forEach(i -> writeString(out, i));
        } else if (value instanceof SetValue s) {
            out.write(TYPE_SET);
            List<byte[]> members = s.members();
            writeLength(out, members.size());
            members.forEach(m -> writeString(out, m));
        } else if (value instanceof HashValue h) {
            out.write(TYPE_HASH);
            writeLength(out, h.size());
            h.forEach((f, v) -> {
                writeString(out, f.bytes());
                writeString(out, v);
            });
        } else if (value instanceof ZSetValue z) {
            out.write(TYPE_ZSET_2);
            writeLength(out, z.size());
            for (SkipList.Node n = z.first(); n != null; n = n.next()) {
                writeString(out, n.member().bytes());
                long bits = Double.doubleToLongBits(n.score());
                for (int i = 0; i < 8; i++) {
                    out.write((int) (bits >>> (8 * i)));
                }
            }
        }
        return out.toByteArray();
    }

    static void writeLength(ByteArrayOutputStream out, long len) {
        if (len < 64) {
            out.write((int) len);
        } else if (len < 16384) {
            out.write(0x40 | (int) (len >> 8));
            out.write((int) len);
        } else if (len <= 0xffffffffL) {
            out.write(0x80);
            for (int i = 3; i >= 0; i--) {
                out.write((int) (len >>> (8 * i)));
            }
        } else {
            out.write(0x81);
            for (int i = 7; i >= 0; i--) {
                out.write((int) (len >>> (8 * i)));
            }
        }
    }

    private static void writeString(ByteArrayOutputStream out, byte[] s) {
        writeLength(out, s.length);
        out.write(s, 0, s.length);
    }

    // ---- reading -------------------------------------------------------------------------------------------

    /** Reads one value of the given type from the buffer. */
    public static RedisValue read(int type, RdbInput in) {
        return switch (type) {
            case TYPE_STRING -> new StringValue(in.string());
            case TYPE_LIST -> {
                ListValue l = new ListValue();
                for (long n = in.length(); n > 0; n--) {
                    l.addLast(in.string());
                }
                yield nonEmpty(l.size(), l);
            }
            case TYPE_LIST_QUICKLIST_2 -> readQuicklist(in, true);
            case TYPE_LIST_QUICKLIST -> readQuicklist(in, false);
            case TYPE_LIST_ZIPLIST -> {
                ListValue l = new ListValue();
                Ziplist.entries(in.string()).forEach(l::addLast);
                yield nonEmpty(l.size(), l);
            }
            case TYPE_SET -> {
                SetValue s = null;
                for (long n = in.length(); n > 0; n--) {
                    s = addMember(s, in.string());
                }
                yield nonEmpty(s == null ? 0 : s.size(), s);
            }
            case TYPE_SET_INTSET -> {
                SetValue s = null;
                for (byte[] m : Intset.members(in.string())) {
                    s = addMember(s, m);
                }
                yield nonEmpty(s == null ? 0 : s.size(), s);
            }
            case TYPE_HASH -> {
                HashValue h = new HashValue();
                for (long n = in.length(); n > 0; n--) {
                    h.put(Key.of(in.string()), in.string());
                }
                yield nonEmpty(h.size(), h);
            }
            case TYPE_HASH_LISTPACK, TYPE_HASH_ZIPLIST -> {
                List<byte[]> e = type == TYPE_HASH_LISTPACK ? Listpack.entries(in.string())
                        : Ziplist.entries(in.string());
                if (e.size() % 2 != 0) {
                    throw new RdbFormatException("hash with an odd number of entries");
                }
                HashValue h = new HashValue();
                for (int i = 0; i < e.size(); i += 2) {
                    h.put(Key.of(e.get(i)), e.get(i + 1));
                }
                yield nonEmpty(h.size(), h);
            }
            case TYPE_ZSET, TYPE_ZSET_2 -> {
                ZSetValue z = null;
                for (long n = in.length(); n > 0; n--) {
                    byte[] member = in.string();
                    double score = type == TYPE_ZSET_2 ? in.binaryDouble() : in.stringDouble();
                    z = addScored(z, member, score);
                }
                yield nonEmpty(z == null ? 0 : z.size(), z);
            }
            case TYPE_ZSET_LISTPACK, TYPE_ZSET_ZIPLIST -> {
                List<byte[]> e = type == TYPE_ZSET_LISTPACK ? Listpack.entries(in.string())
                        : Ziplist.entries(in.string());
                if (e.size() % 2 != 0) {
                    throw new RdbFormatException("sorted set with an odd number of entries");
                }
                ZSetValue z = null;
                for (int i = 0; i < e.size(); i += 2) {
                    z = addScored(z, e.get(i), parseDouble(e.get(i + 1)));
                }
                yield nonEmpty(z == null ? 0 : z.size(), z);
            }
            default -> throw new RdbFormatException("unsupported RDB object type " + type);
        };
    }

    private static RedisValue readQuicklist(RdbInput in, boolean version2) {
        ListValue l = new ListValue();
        for (long nodes = in.length(); nodes > 0; nodes--) {
            long container = version2 ? in.length() : 2;
            byte[] blob = in.string();
            if (container == QUICKLIST_NODE_PLAIN) {
                l.addLast(blob);
            } else {
                (version2 ? Listpack.entries(blob) : Ziplist.entries(blob)).forEach(l::addLast);
            }
        }
        return nonEmpty(l.size(), l);
    }

    private static SetValue addMember(SetValue s, byte[] member) {
        if (s == null) {
            s = SetValue.forFirstMember(member);
        }
        s.add(member);
        return s;
    }

    private static ZSetValue addScored(ZSetValue z, byte[] member, double score) {
        if (Double.isNaN(score)) {
            throw new RdbFormatException("NaN score");
        }
        if (z == null) {
            z = ZSetValue.forFirstMember(member.length);
        }
        Key k = Key.of(member);
        if (z.score(k) != null) {
            throw new RdbFormatException("duplicate sorted set member");
        }
        z.add(k, score);
        return z;
    }

    /** Redis refuses empty collections in a payload, as they cannot exist in a keyspace. */
    private static RedisValue nonEmpty(int size, RedisValue v) {
        if (size == 0) {
            throw new RdbFormatException("empty collection");
        }
        return v;
    }

    static double parseDouble(byte[] text) {
        String s = new String(text, StandardCharsets.US_ASCII);
        return switch (s) {
            case "inf", "+inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            default -> {
                try {
                    yield Double.parseDouble(s);
                } catch (NumberFormatException e) {
                    throw new RdbFormatException("not a score: " + s);
                }
            }
        };
    }

    // ---- the compact containers ----------------------------------------------------------------------------

    /** Redis's listpack: total bytes, entry count, entries (encoding, data, back-length), 0xFF. */
    static final class Listpack {
        private Listpack() {
        }

        static List<byte[]> entries(byte[] lp) {
            if (lp.length < 7) {
                throw new RdbFormatException("listpack too short");
            }
            long total = le(lp, 0, 4);
            if (total != lp.length) {
                throw new RdbFormatException("listpack length mismatch");
            }
            List<byte[]> out = new ArrayList<>();
            int p = 6;
            try {
                while ((lp[p] & 0xff) != 0xff) {
                    int b = lp[p] & 0xff;
                    int start = p;
                    byte[] value;
                    if ((b & 0x80) == 0) {
                        value = ascii(b);
                        p += 1;
                    } else if ((b & 0xc0) == 0x80) {
                        int len = b & 0x3f;
                        value = slice(lp, p + 1, len);
                        p += 1 + len;
                    } else if ((b & 0xe0) == 0xc0) {
                        int v = ((b & 0x1f) << 8) | (lp[p + 1] & 0xff);
                        value = ascii((v << 19) >> 19);
                        p += 2;
                    } else if ((b & 0xf0) == 0xe0) {
                        int len = ((b & 0x0f) << 8) | (lp[p + 1] & 0xff);
                        value = slice(lp, p + 2, len);
                        p += 2 + len;
                    } else if (b == 0xf0) {
                        long len = le(lp, p + 1, 4);
                        if (len > lp.length) {
                            throw new RdbFormatException("listpack string longer than the listpack");
                        }
                        value = slice(lp, p + 5, (int) len);
                        p += 5 + (int) len;
                    } else if (b >= 0xf1 && b <= 0xf4) {
                        int bytes = switch (b) {
                            case 0xf1 -> 2;
                            case 0xf2 -> 3;
                            case 0xf3 -> 4;
                            default -> 8;
                        };
                        long v = le(lp, p + 1, bytes);
                        int shift = 64 - 8 * bytes;
                        value = ascii((v << shift) >> shift);
                        p += 1 + bytes;
                    } else {
                        throw new RdbFormatException("bad listpack entry encoding " + b);
                    }
                    p += backlenSize(p - start);
                    out.add(value);
                }
            } catch (IndexOutOfBoundsException e) {
                throw new RdbFormatException("listpack entry runs past its end");
            }
            return out;
        }

        private static int backlenSize(int entryLength) {
            if (entryLength <= 127) {
                return 1;
            } else if (entryLength < 16383) {
                return 2;
            } else if (entryLength < 2097151) {
                return 3;
            } else if (entryLength < 268435455) {
                return 4;
            }
            return 5;
        }
    }

    /** The ziplists of RDB files before Redis 7: only read, for payloads from older servers. */
    static final class Ziplist {
        private Ziplist() {
        }

        static List<byte[]> entries(byte[] zl) {
            if (zl.length < 11) {
                throw new RdbFormatException("ziplist too short");
            }
            List<byte[]> out = new ArrayList<>();
            int p = 10;
            try {
                while ((zl[p] & 0xff) != 0xff) {
                    p += (zl[p] & 0xff) == 0xfe ? 5 : 1; // previous entry length
                    int b = zl[p] & 0xff;
                    switch (b >> 6) {
                        case 0 -> {
                            out.add(slice(zl, p + 1, b & 0x3f));
                            p += 1 + (b & 0x3f);
                        }
                        case 1 -> {
                            int len = ((b & 0x3f) << 8) | (zl[p + 1] & 0xff);
                            out.add(slice(zl, p + 2, len));
                            p += 2 + len;
                        }
                        case 2 -> {
                            int len = (int) ((zl[p + 1] & 0xffL) << 24 | (zl[p + 2] & 0xff) << 16
                                    | (zl[p + 3] & 0xff) << 8 | (zl[p + 4] & 0xff));
                            out.add(slice(zl, p + 5, len));
                            p += 5 + len;
                        }
                        default -> {
                            int bytes;
                            long v;
                            if (b == 0xc0) {
                                bytes = 2;
                            } else if (b == 0xd0) {
                                bytes = 4;
                            } else if (b == 0xe0) {
                                bytes = 8;
                            } else if (b == 0xf0) {
                                bytes = 3;
                            } else if (b == 0xfe) {
                                bytes = 1;
                            } else if (b >= 0xf1 && b <= 0xfd) {
                                bytes = 0;
                            } else {
                                throw new RdbFormatException("bad ziplist entry encoding " + b);
                            }
                            if (bytes == 0) {
                                v = (b & 0x0f) - 1;
                            } else {
                                int shift = 64 - 8 * bytes;
                                v = (le(zl, p + 1, bytes) << shift) >> shift;
                            }
                            out.add(ascii(v));
                            p += 1 + bytes;
                        }
                    }
                }
            } catch (IndexOutOfBoundsException e) {
                throw new RdbFormatException("ziplist entry runs past its end");
            }
            return out;
        }
    }

    /** Redis's intset: element width, count, sorted little-endian integers. */
    static final class Intset {
        private Intset() {
        }

        static List<byte[]> members(byte[] is) {
            if (is.length < 8) {
                throw new RdbFormatException("intset too short");
            }
            int width = (int) le(is, 0, 4);
            long count = le(is, 4, 4);
            if ((width != 2 && width != 4 && width != 8) || 8 + count * width != is.length) {
                throw new RdbFormatException("bad intset header");
            }
            List<byte[]> out = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int shift = 64 - 8 * width;
                out.add(ascii((le(is, 8 + i * width, width) << shift) >> shift));
            }
            return out;
        }
    }

    static long le(byte[] b, int at, int bytes) {
        long v = 0;
        for (int i = bytes - 1; i >= 0; i--) {
            v = (v << 8) | (b[at + i] & 0xff);
        }
        return v;
    }

    private static byte[] slice(byte[] b, int from, int len) {
        if (from + len > b.length || len < 0) {
            throw new IndexOutOfBoundsException();
        }
        byte[] out = new byte[len];
        System.arraycopy(b, from, out, 0, len);
        return out;
    }

    private static byte[] ascii(long v) {
        return Long.toString(v).getBytes(StandardCharsets.US_ASCII);
    }
}
