#!/usr/bin/env python3
"""What applications do with a Redis Cluster, through redis-py's cluster client (redis.cluster.RedisCluster).

usage: redis_py_apps.py HOST:PORT CHECK    (CHECK: job-queue, fan-out, sharded-fan-out, optimistic-update,
                                            rate-limiter, stream-group)
Prints one line "ok CHECK: ..." and exits 0 when the application saw what Redis promises; otherwise prints what
differed on stderr and exits 1. Every wait has a deadline; nothing sleeps for a fixed time to let things happen.
"""
import sys
import threading
import time

from redis.cluster import RedisCluster

DEADLINE = 30.0


def client(entry):
    host, port = entry.rsplit(":", 1)
    return RedisCluster(host=host, port=int(port), decode_responses=True, socket_timeout=10)


def fail(message):
    print(message, file=sys.stderr)
    sys.exit(1)


def until(what, condition):
    stop = time.monotonic() + DEADLINE
    while not condition():
        if time.monotonic() > stop:
            fail("gave up waiting for " + what)
        time.sleep(0.01)


def job_queue(entry):
    """Workers block in BLPOP before any job exists; 300 jobs pushed in batches each reach exactly one worker."""
    queue, jobs, workers = "jobs:{video}", 300, 3
    rc = client(entry)
    rc.delete(queue)
    done, lock, errors = [], threading.Lock(), []

    def work():
        own = client(entry)
        try:
            while True:
                item = own.blpop([queue], timeout=5)
                if item is None:
                    errors.append("a worker waited 5 s for a job")
                    return
                if item[1] == "stop":
                    return
                with lock:
                    done.append(int(item[1]))
        except Exception as e:  # noqa: BLE001 - reported, then the check fails
            errors.append(repr(e))

    threads = [threading.Thread(target=work) for _ in range(workers)]
    for t in threads:
        t.start()
    # The workers are blocked in BLPOP (the queue's node counts them) before the first job exists.
    node = rc.get_node_from_key(queue)
    until("3 workers blocked", lambda: int(rc.info("clients", target_nodes=node)["blocked_clients"]) >= workers)
    for start in range(0, jobs, 50):
        rc.rpush(queue, *range(start, start + 50))
    rc.rpush(queue, *["stop"] * workers)
    for t in threads:
        t.join(DEADLINE)
    if errors:
        fail("job queue: " + "; ".join(errors))
    if sorted(done) != list(range(jobs)):
        fail("job queue: %d jobs done, %d distinct, expected each of %d once" % (len(done), len(set(done)), jobs))
    if rc.llen(queue) != 0:
        fail("job queue: %d items left" % rc.llen(queue))
    print("ok job-queue: %d jobs through BLPOP to %d workers, each exactly once" % (jobs, workers))


def collect(pubsub, count, kind):
    got = []
    stop = time.monotonic() + DEADLINE
    while len(got) < count and time.monotonic() < stop:
        m = pubsub.get_message(timeout=1.0)
        if m and m["type"] == kind:
            got.append((m.get("pattern"), m["channel"], m["data"]))
    return got


def fan_out(entry):
    """Two channel subscribers and a pattern subscriber each get all 100 messages, in publishing order."""
    rc = client(entry)
    subscribers = []
    for kind in ("subscribe", "subscribe", "psubscribe"):
        p = rc.pubsub()
        getattr(p, kind)("news" if kind == "subscribe" else "ne*")
        first = p.get_message(timeout=DEADLINE)
        if not first or first["type"] != kind:
            fail("fan-out: no %s confirmation: %r" % (kind, first))
        subscribers.append((p, "pmessage" if kind == "psubscribe" else "message"))
    for i in range(100):
        rc.publish("news", "item-%d" % i)
    for p, kind in subscribers:
        got = collect(p, 100, kind)
        want = [("ne*" if kind == "pmessage" else None, "news", "item-%d" % i) for i in range(100)]
        if got != want:
            fail("fan-out: a %s subscriber got %d messages, first differences: %r" % (
                kind, len(got), [g for g, w in zip(got, want) if g != w][:3] or got[len(want):][:3]))
        p.close()
    print("ok fan-out: 2 subscribers and 1 pattern subscriber got all 100 messages in order")


def sharded_fan_out(entry):
    """SSUBSCRIBE on the channel's shard; SPUBLISH through the client reaches it, in order."""
    rc = client(entry)
    p = rc.pubsub()
    p.ssubscribe("orders:{eu}")
    first = p.get_sharded_message(timeout=DEADLINE)
    if not first or first["type"] != "ssubscribe":
        fail("sharded fan-out: no ssubscribe confirmation: %r" % (first,))
    for i in range(50):
        rc.spublish("orders:{eu}", "o-%d" % i)
    got = []
    stop = time.monotonic() + DEADLINE
    while len(got) < 50 and time.monotonic() < stop:
        m = p.get_sharded_message(timeout=1.0)
        if m and m["type"] == "smessage":
            got.append(m["data"])
    if got != ["o-%d" % i for i in range(50)]:
        fail("sharded fan-out: got %r" % got[:5])
    p.close()
    print("ok sharded-fan-out: 50 SPUBLISH messages reached the shard subscriber in order")


def optimistic_update(entry):
    """WATCH/MULTI/EXEC on the key's master: a concurrent write aborts EXEC; retry loops lose no increment."""
    key = "stock:{sku7}"
    rc = client(entry)
    rc.set(key, 0)
    owner = rc.get_redis_connection(rc.get_node_from_key(key))
    with owner.pipeline(transaction=True) as pipe:
        pipe.watch(key)
        rc.set(key, 5)  # someone else writes between WATCH and EXEC
        pipe.multi()
        pipe.incr(key)
        try:
            pipe.execute()
            fail("optimistic update: EXEC ran although the watched key changed")
        except Exception as e:  # redis.WatchError
            if type(e).__name__ != "WatchError":
                raise
    if rc.get(key) != "5":
        fail("optimistic update: the aborted transaction changed the key: %r" % rc.get(key))
    retries, errors = [0], []

    def worker():
        try:
            own = client(entry)
            node = own.get_redis_connection(own.get_node_from_key(key))
            for _ in range(50):
                while True:
                    with node.pipeline(transaction=True) as p:
                        try:
                            p.watch(key)
                            value = int(p.get(key))
                            p.multi()
                            p.set(key, value + 1)
                            p.execute()
                            break
                        except Exception as e:  # noqa: BLE001
                            if type(e).__name__ != "WatchError":
                                raise
                            retries[0] += 1
        except Exception as e:  # noqa: BLE001
            errors.append(repr(e))

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(DEADLINE)
    if errors:
        fail("optimistic update: " + "; ".join(errors))
    if rc.get(key) != "105":
        fail("optimistic update: expected 105 after 100 increments on 5, got %r" % rc.get(key))
    print("ok optimistic-update: 100 increments by 2 workers landed exactly once (%d retries)" % retries[0])


RATE_LIMIT = """
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
if n > tonumber(ARGV[1]) then return 0 end
return 1
"""


def rate_limiter(entry):
    """A fixed-window limiter in Lua (EVALSHA, loaded on the key's node on NOSCRIPT): 4 threads x 20 calls, 25 pass."""
    key, limit, calls, threads = "rate:{user42}", 25, 20, 4
    rc = client(entry)
    rc.delete(key)
    allowed, errors = [], []

    def caller():
        try:
            own = client(entry)
            limiter = own.register_script(RATE_LIMIT)
            for _ in range(calls):
                allowed.append(limiter(keys=[key], args=[limit, 60000]))
        except Exception as e:  # noqa: BLE001
            errors.append(repr(e))

    workers = [threading.Thread(target=caller) for _ in range(threads)]
    for t in workers:
        t.start()
    for t in workers:
        t.join(DEADLINE)
    if errors:
        fail("rate limiter: " + "; ".join(errors))
    if sorted(set(allowed)) != [0, 1] or allowed.count(1) != limit:
        fail("rate limiter: %d of %d calls passed, expected %d" % (allowed.count(1), len(allowed), limit))
    if rc.get(key) != str(threads * calls) or not 0 < rc.pttl(key) <= 60000:
        fail("rate limiter: counter %r, ttl %r" % (rc.get(key), rc.pttl(key)))
    print("ok rate-limiter: %d of %d calls passed a limit of %d, the window expires" % (
        allowed.count(1), len(allowed), limit))


def stream_group(entry):
    """A consumer group: 3 workers block in XREADGROUP and XACK 200 jobs, each handled once; a crashed worker's
    jobs are taken over with XAUTOCLAIM."""
    key, jobs, workers_n = "events:{stream}", 200, 3
    rc = client(entry)
    rc.delete(key)
    rc.xgroup_create(key, "workers", id="$", mkstream=True)
    handled, errors, lock = [], [], threading.Lock()

    def worker(name):
        try:
            own = client(entry)
            stop = time.monotonic() + DEADLINE
            while time.monotonic() < stop:
                with lock:
                    if len(handled) >= jobs:
                        return
                got = own.xreadgroup("workers", name, {key: ">"}, count=10, block=200)
                for _, entries in got or []:
                    for entry_id, fields in entries:
                        with lock:
                            handled.append(fields["job"])
                        own.xack(key, "workers", entry_id)
        except Exception as e:  # noqa: BLE001
            errors.append(repr(e))

    threads = [threading.Thread(target=worker, args=("w%d" % i,)) for i in range(workers_n)]
    for t in threads:
        t.start()
    for i in range(jobs):
        rc.xadd(key, {"job": "j%d" % i})
    for t in threads:
        t.join(DEADLINE)
    if errors:
        fail("stream group: " + "; ".join(errors))
    if sorted(handled) != sorted("j%d" % i for i in range(jobs)):
        fail("stream group: %d handled, %d distinct, of %d" % (len(handled), len(set(handled)), jobs))
    if rc.xpending(key, "workers")["pending"] != 0:
        fail("stream group: pending left %r" % rc.xpending(key, "workers"))
    # a worker that read and crashed: its jobs go to another after they idled
    rc.xadd(key, {"job": "late-1"})
    rc.xadd(key, {"job": "late-2"})
    crashed = rc.xreadgroup("workers", "crashed", {key: ">"}, count=2)
    if len(crashed[0][1]) != 2:
        fail("stream group: the crashing worker read %r" % crashed)
    claimed = rc.xautoclaim(key, "workers", "rescuer", 0, "0-0", count=10)
    if sorted(f["job"] for _, f in claimed[1]) != ["late-1", "late-2"]:
        fail("stream group: XAUTOCLAIM gave %r" % (claimed,))
    rc.xack(key, "workers", *[i for i, _ in claimed[1]])
    if rc.xpending(key, "workers")["pending"] != 0 or rc.xlen(key) != jobs + 2:
        fail("stream group: pending %r, length %r" % (rc.xpending(key, "workers"), rc.xlen(key)))
    print("ok stream-group: %d jobs handled once by %d workers, 2 claimed from a crashed one" % (jobs, workers_n))


CHECKS = {
    "job-queue": job_queue,
    "fan-out": fan_out,
    "sharded-fan-out": sharded_fan_out,
    "optimistic-update": optimistic_update,
    "rate-limiter": rate_limiter,
    "stream-group": stream_group,
}

if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[2] not in CHECKS:
        fail("usage: redis_py_apps.py HOST:PORT {%s}" % "|".join(CHECKS))
    CHECKS[sys.argv[2]](sys.argv[1])
