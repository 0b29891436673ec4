"""Minimal RESP2 client and cluster key loader for the benchmarks (Python 3 standard library only)."""
import socket
import sys
import time


def _crc16_table():
    table = []
    for b in range(256):
        crc = b << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021) if crc & 0x8000 else crc << 1
            crc &= 0xFFFF
        table.append(crc)
    return table


_CRC16 = _crc16_table()


def crc16(data: bytes) -> int:
    """CRC16-CCITT (XMODEM), table-driven: loading 200,000 keys computes it 200,000 times."""
    crc = 0
    for b in data:
        crc = ((crc << 8) & 0xFF00) ^ _CRC16[((crc >> 8) ^ b) & 0xFF]
    return crc


def key_slot(key: bytes) -> int:
    s = key.find(b"{")
    if s >= 0:
        e = key.find(b"}", s + 1)
        if e > s + 1:
            key = key[s + 1:e]
    return crc16(key) % 16384


class Conn:
    def __init__(self, host, port):
        self.sock = socket.create_connection((host, port))
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.buf = b""

    @staticmethod
    def encode(*args):
        out = [b"*%d\r\n" % len(args)]
        for a in args:
            b = a if isinstance(a, bytes) else str(a).encode()
            out.append(b"$%d\r\n%s\r\n" % (len(b), b))
        return b"".join(out)

    def _line(self):
        while b"\r\n" not in self.buf:
            chunk = self.sock.recv(1 << 20)
            if not chunk:
                raise IOError("closed")
            self.buf += chunk
        line, self.buf = self.buf.split(b"\r\n", 1)
        return line

    def _exact(self, n):
        while len(self.buf) < n:
            chunk = self.sock.recv(1 << 20)
            if not chunk:
                raise IOError("closed")
            self.buf += chunk
        data, self.buf = self.buf[:n], self.buf[n:]
        return data

    def read(self):
        line = self._line()
        t, rest = line[:1], line[1:]
        if t == b"+":
            return rest.decode()
        if t == b"-":
            return RuntimeError(rest.decode())
        if t == b":":
            return int(rest)
        if t == b"$":
            n = int(rest)
            if n < 0:
                return None
            data = self._exact(n + 2)
            return data[:-2]
        if t == b"*":
            n = int(rest)
            return None if n < 0 else [self.read() for _ in range(n)]
        raise IOError("bad reply " + repr(line))

    def pipeline(self, commands):
        self.sock.sendall(b"".join(self.encode(*c) for c in commands))
        return [self.read() for _ in commands]

    def call(self, *args):
        return self.pipeline([args])[0]


def cluster_owners(host, port):
    """slot -> (ip, port) from CLUSTER SLOTS of any node."""
    owners = {}
    for entry in Conn(host, port).call("CLUSTER", "SLOTS"):
        ip, p = entry[2][0].decode(), entry[2][1]
        for s in range(entry[0], entry[1] + 1):
            owners[s] = (ip, p)
    return owners


def load_cluster(host, port, count, value_size):
    """count string keys spread over every slot, written pipelined to their owners."""
    owners = cluster_owners(host, port)
    batches = {}
    value = b"v" * value_size
    for i in range(count):
        k = b"bench:%d" % i
        batches.setdefault(owners[key_slot(k)], []).append(("SET", k, value))
    for (ip, p), cmds in batches.items():
        c = Conn(ip, p)
        for i in range(0, len(cmds), 5000):
            for r in c.pipeline(cmds[i:i + 5000]):
                if isinstance(r, Exception):
                    raise r


def ceiling(src_port, dst_port, slots, keys_per_slot, value_size):
    """Back-to-back MIGRATE ... KEYS calls, one slot's keys each, between two standalone servers: keys/s."""
    src = Conn("127.0.0.1", src_port)
    value = b"v" * value_size
    groups = []
    for s in range(slots):
        keys = [b"ceil:%d:%d" % (s, j) for j in range(keys_per_slot)]
        groups.append(keys)
        src.pipeline([("SET", k, value) for k in keys])
    start = time.time()
    for keys in groups:
        r = src.call("MIGRATE", "127.0.0.1", dst_port, "", 0, 60000, "KEYS", *keys)
        if isinstance(r, Exception):
            raise r
    return slots * keys_per_slot / (time.time() - start)


def cluster_ceiling(port, src_id, dst_port, dst_id, first, last, master_ports):
    """In-cluster ceiling: slots first..last opened and their keys listed beforehand (untimed), then only the
    back-to-back MIGRATE calls, one slot's keys each, are timed; then the slots are closed (untimed)."""
    src, dst = Conn("127.0.0.1", port), Conn("127.0.0.1", dst_port)
    slots = list(range(first, last + 1))
    dst.pipeline([("CLUSTER", "SETSLOT", s, "IMPORTING", src_id) for s in slots])
    src.pipeline([("CLUSTER", "SETSLOT", s, "MIGRATING", dst_id) for s in slots])
    keys = src.pipeline([("CLUSTER", "GETKEYSINSLOT", s, 100000) for s in slots])
    moved = 0
    start = time.time()
    for ks in keys:
        if ks:
            r = src.call("MIGRATE", "127.0.0.1", dst_port, "", 0, 60000, "KEYS", *ks)
            if isinstance(r, Exception):
                raise r
            moved += len(ks)
    elapsed = time.time() - start
    dst.pipeline([("CLUSTER", "SETSLOT", s, "NODE", dst_id) for s in slots])
    for p in master_ports:
        if p != dst_port:
            Conn("127.0.0.1", p).pipeline([("CLUSTER", "SETSLOT", s, "NODE", dst_id) for s in slots])
    return moved / elapsed


def keys_in_slots(host, port, first, last):
    owners = cluster_owners(host, port)
    total = 0
    conns = {}
    for s in range(first, last + 1):
        o = owners[s]
        conns.setdefault(o, Conn(*o))
        total += conns[o].call("CLUSTER", "COUNTKEYSINSLOT", s)
    return total



def parse_addrs(text):
    out = []
    for a in text.split(","):
        h, p = a.rsplit(":", 1)
        out.append((h, int(p)))
    return out


def reset_nodes(addrs):
    """Every node fresh again: FLUSHALL on all (replicas refuse it and are flushed by the reset), then
    CLUSTER RESET HARD on all (new id, epoch 0, knows nobody)."""
    conns = [Conn(h, p) for h, p in addrs]
    for c in conns:
        c.sock.sendall(Conn.encode("FLUSHALL"))
    for c in conns:
        c.read()
    for c in conns:
        c.sock.sendall(Conn.encode("CLUSTER", "RESET", "HARD"))
    for (h, p), c in zip(addrs, conns):
        r = c.read()
        if isinstance(r, Exception):
            raise RuntimeError("%s:%d: %s" % (h, p, r))


def not_ok(addrs):
    """The nodes that do not report cluster_state:ok."""
    bad = []
    for h, p in addrs:
        try:
            info = Conn(h, p).call("CLUSTER", "INFO").decode()
        except OSError as e:
            bad.append("%s:%d (%s)" % (h, p, e))
            continue
        if "cluster_state:ok" not in info:
            bad.append("%s:%d" % (h, p))
    return bad


def wait_ok(addrs, timeout):
    deadline = time.time() + timeout
    while True:
        bad = not_ok(addrs)
        if not bad or time.time() > deadline:
            return bad
        time.sleep(0.05)


def wait_known(addrs, count, timeout):
    """Until every node knows count nodes (itself included): the nodes a redis-cli add-node left still learning
    of the new one by gossip. Returns the nodes still short."""
    deadline = time.time() + timeout
    while True:
        short = []
        for h, p in addrs:
            info = Conn(h, p).call("CLUSTER", "INFO").decode()
            known = int(info.split("cluster_known_nodes:")[1].split()[0])
            if known != count:
                short.append("%s:%d knows %d" % (h, p, known))
        if not short or time.time() > deadline:
            return short
        time.sleep(0.1)


def nodes_of(host, port):
    """CLUSTER NODES as dicts: id, addr (ip, port), flags, master, slots (list of ints)."""
    out = []
    for line in Conn(host, port).call("CLUSTER", "NODES").decode().splitlines():
        f = line.split()
        ip, rest = f[1].split("@")[0].rsplit(":", 1)
        slots = []
        for t in f[8:]:
            if t.startswith("["):
                continue
            a, _, b = t.partition("-")
            slots.extend(range(int(a), int(b or a) + 1))
        out.append({"id": f[0], "addr": (ip, int(rest)), "flags": f[2].split(","), "master": f[3],
                    "slots": slots})
    return out


def owner(host, port, slot):
    for n in nodes_of(host, port):
        if slot in n["slots"]:
            return n
    raise RuntimeError("slot %d has no owner" % slot)


def open_slots(host, port, count):
    """Leaves count slots of the owner of slot 0 half moved to the owner of slot 16383: IMPORTING on the
    target, MIGRATING on the source, half of each slot's keys already migrated. What fix must finish."""
    src, dst = owner(host, port, 0), owner(host, port, 16383)
    s, d = Conn(*src["addr"]), Conn(*dst["addr"])
    slots = src["slots"][:count]
    d.pipeline([("CLUSTER", "SETSLOT", x, "IMPORTING", src["id"]) for x in slots])
    s.pipeline([("CLUSTER", "SETSLOT", x, "MIGRATING", dst["id"]) for x in slots])
    moved = 0
    for x in slots:
        keys = s.call("CLUSTER", "GETKEYSINSLOT", x, 100000)
        half = keys[:len(keys) // 2]
        if half:
            r = s.call("MIGRATE", dst["addr"][0], dst["addr"][1], "", 0, 60000, "KEYS", *half)
            if isinstance(r, Exception):
                raise r
            moved += len(half)
    return len(slots), moved


def masters_on_host(host, port, ip):
    """'master-addr replica-addr' per master on ip, the replica picked on another host (for a by-hand failover)."""
    nodes = nodes_of(host, port)
    lines = []
    for m in nodes:
        if "master" in m["flags"] and m["slots"] and m["addr"][0] == ip:
            reps = [r for r in nodes if r["master"] == m["id"] and r["addr"][0] != ip and "fail" not in r["flags"]]
            if reps:
                lines.append("%s:%d %s:%d" % (m["addr"] + reps[0]["addr"]))
    return lines


def slotless(host, port):
    """The id of a node del-node can remove: a master without slots if there is one, else a replica."""
    nodes = [n for n in nodes_of(host, port) if "myself" not in n["flags"] and "fail" not in n["flags"]]
    empty = [n for n in nodes if "master" in n["flags"] and not n["slots"]]
    return (empty or [n for n in nodes if "slave" in n["flags"]])[0]["id"]


def total_keys(addrs):
    total = 0
    for h, p in addrs:
        c = Conn(h, p)
        if c.call("ROLE")[0] == b"master":
            total += c.call("DBSIZE")
    return total

if __name__ == "__main__":
    cmd = sys.argv[1]
    if cmd == "load":
        load_cluster(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]))
    elif cmd == "ceiling":
        print("%.0f" % ceiling(int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]),
                               int(sys.argv[6])))
    elif cmd == "cluster-ceiling":
        masters = [int(p) for p in sys.argv[7].split(",")]
        print("%.0f" % cluster_ceiling(int(sys.argv[2]), sys.argv[3], int(sys.argv[4]), sys.argv[5],
                                       0, int(sys.argv[6]) - 1, masters))
    elif cmd == "count":
        print(keys_in_slots(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])))
    elif cmd == "reset":
        reset_nodes(parse_addrs(sys.argv[2]))
    elif cmd == "not-ok":
        print(" ".join(not_ok(parse_addrs(sys.argv[2]))))
    elif cmd == "wait-ok":
        bad = wait_ok(parse_addrs(sys.argv[2]), float(sys.argv[3]))
        if bad:
            print("not ok after %ss: %s" % (sys.argv[3], " ".join(bad[:10])), file=sys.stderr)
            sys.exit(1)
    elif cmd == "wait-known":
        short = wait_known(parse_addrs(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]))
        if short:
            print("not known after %ss: %s" % (sys.argv[4], " ".join(short[:10])), file=sys.stderr)
            sys.exit(1)
    elif cmd == "owner":
        n = owner(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
        print(n["id"], "%s:%d" % n["addr"])
    elif cmd == "open-slots":
        print("%d %d" % open_slots(sys.argv[2], int(sys.argv[3]), int(sys.argv[4])))
    elif cmd == "masters-on-host":
        print("\n".join(masters_on_host(sys.argv[2], int(sys.argv[3]), sys.argv[4])))
    elif cmd == "slotless":
        print(slotless(sys.argv[2], int(sys.argv[3])))
    elif cmd == "total-keys":
        print(total_keys(parse_addrs(sys.argv[2])))
