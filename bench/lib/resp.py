"""Minimal RESP2 client and cluster key loader for the benchmarks (Python 3 standard library only)."""
import socket
import sys
import time


def crc16(data: bytes) -> int:
    crc = 0
    for b in data:
        crc ^= b << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021) if crc & 0x8000 else crc << 1
            crc &= 0xFFFF
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
