#!/usr/bin/env python3
"""Answer latency of small valid deliveries while failing 20-50 MB deliveries stream in.

Starts `hookbench-cli listen` on a fresh store with two endpoints: /stripe (provider stripe, whose
deliveries here are signed with the wrong secret, so every one is diagnosed) and /gh (provider
github, the small valid ones). Measures the small ones alone, then with a second connection sending
big failing deliveries back to back, and prints p50/p99 of both runs and their ratio.

Usage: bench/latency.py [PATH/TO/hookbench-cli]   (default build/app/hookbench-cli)
Environment: SMALL=400 (small requests per run), BIG_MB=20,50 (size range), BIG_PATH=/stripe,
BIG_EVERY_MS=0 (0: back to back), BENCH_DIR (kept).
"""
import hashlib, hmac, json, multiprocessing, os, random, shutil, socket, subprocess, sys, tempfile, time

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
cli = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, "build/app/hookbench-cli")
small_n = int(os.environ.get("SMALL", "400"))
# BIG_PATH=/elsewhere sends the big ones to no endpoint (stored, not verified): separates the cost
# of storing them from that of verifying and diagnosing them.
BIG_PATH = os.environ.get("BIG_PATH", "/stripe").encode()
# BIG_EVERY_MS=N: one big delivery every N ms instead of back to back.
big_every_ms = int(os.environ.get("BIG_EVERY_MS", "0"))
lo_mb, hi_mb = (int(x) for x in os.environ.get("BIG_MB", "20,50").split(","))
# SEND_PIECE=N: the big deliveries are written N bytes at a time (default 256 KiB).
SEND_PIECE = int(os.environ.get("SEND_PIECE", str(256 * 1024)))

GH_SECRET = b"It's a Secret to Everybody"
GH_BODY = b"Hello, World!"
GH_SIG = hmac.new(GH_SECRET, GH_BODY, hashlib.sha256).hexdigest()
SMALL = (b"POST /gh HTTP/1.1\r\nHost: bench\r\nX-GitHub-Event: ping\r\n"
         b"X-Hub-Signature-256: sha256=" + GH_SIG.encode() + b"\r\n"
         b"Content-Length: %d\r\n\r\n" % len(GH_BODY) + GH_BODY)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def read_response(sock, buf=b""):
    while b"\r\n\r\n" not in buf:
        chunk = sock.recv(65536)
        if not chunk:
            raise ConnectionError("closed before an answer")
        buf += chunk
    head, rest = buf.split(b"\r\n\r\n", 1)
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value)
    while len(rest) < length:
        rest += sock.recv(65536)
    return int(head[9:12]), rest[length:]


def big_request(size):
    # A Stripe-shaped event padded to `size`, signed with a secret the endpoint does not have.
    pad = size - 200
    body = json.dumps({"id": "evt_bench", "type": "charge.succeeded",
                       "data": {"object": {"pad": "x" * pad}}}, indent=2).encode()
    t = int(time.time())
    sig = hmac.new(b"whsec_not_the_configured_one", b"%d." % t + body, hashlib.sha256).hexdigest()
    head = (b"POST " + BIG_PATH + b" HTTP/1.1\r\nHost: bench\r\nContent-Type: application/json\r\n"
            b"Stripe-Signature: t=%d,v1=%s\r\nContent-Length: %d\r\n\r\n" % (t, sig.encode(), len(body)))
    return head + body


def measure_small(port, n):
    latencies = []
    with socket.create_connection(("127.0.0.1", port)) as s:
        s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        buf = b""
        for _ in range(n):
            start = time.perf_counter()
            s.sendall(SMALL)
            status, buf = read_response(s, buf)
            latencies.append((time.perf_counter() - start) * 1000)
            assert status == 200, status
            time.sleep(0.005)  # a steady trickle, not a flood
    latencies.sort()
    return latencies


def flood(port, stop, results):
    os.nice(19)  # the sender of the big ones must not take the measuring client's core
    rng = random.Random(7)
    requests = [big_request(rng.randint(lo_mb, hi_mb) * 1024 * 1024) for _ in range(4)]
    results.put("sending")
    times = []
    with socket.create_connection(("127.0.0.1", port)) as s:
        while not stop.is_set():
            req = requests[len(times) % len(requests)]
            start = time.perf_counter()
            # In pieces, as HTTP clients write: one 50 MB sendall() is a single system call,
            # and a kernel without preemption (this VM's) runs it start to end, keeping the
            # measuring client and the listener off that core for 100+ ms.
            view = memoryview(req)
            for at in range(0, len(req), SEND_PIECE):
                s.sendall(view[at:at + SEND_PIECE])
            read_response(s)
            times.append((time.perf_counter() - start) * 1000)
            if big_every_ms:
                time.sleep(max(0.0, big_every_ms / 1000 - (time.perf_counter() - start)))
    results.put(times)


def pct(values, p):
    return values[min(len(values) - 1, int(len(values) * p / 100))]


def main():
    if not os.access(cli, os.X_OK):
        sys.exit(f"latency.py: no hookbench-cli at {cli}")
    work = os.environ.get("BENCH_DIR") or tempfile.mkdtemp(prefix="hookbench-latency.")
    os.makedirs(work, exist_ok=True)
    config = os.path.join(work, "config.json")
    with open(config, "w") as f:
        json.dump({"endpoints": [{"id": "stripe", "path": "/stripe", "provider": "stripe",
                                  "tolerance_s": 0},
                                 {"id": "gh", "path": "/gh", "provider": "github"}]}, f)
    port = free_port()
    env = dict(os.environ, GH=GH_SECRET.decode(), ST="whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
    listener = subprocess.Popen(
        [cli, "listen", "--port", str(port), "--config", config, "--store",
         os.path.join(work, "s.sqlite"), "--secret-env", "gh=GH", "--secret-env", "stripe=ST"],
        env=env, stderr=subprocess.PIPE, text=True)
    try:
        line = listener.stderr.readline()
        if "listening on" not in line:
            sys.exit("listener did not start: " + line)
        measure_small(port, 50)  # warm-up
        alone = measure_small(port, small_n)

        # The big deliveries come from a process of their own (built before they are sent), so
        # the measuring client never waits for the sender's interpreter lock.
        stop = multiprocessing.Event()
        results = multiprocessing.Queue()
        sender = multiprocessing.Process(target=flood, args=(port, stop, results), daemon=True)
        sender.start()
        if results.get(timeout=300) != "sending":
            sys.exit("the big deliveries could not be built")
        time.sleep(1.0)  # the first big ones are on their way
        beside = measure_small(port, small_n)
        stop.set()
        big_times = results.get(timeout=300)
        sender.join(60)
        print(f"small valid deliveries alone:           p50 {pct(alone, 50):7.2f} ms  "
              f"p99 {pct(alone, 99):7.2f} ms  (n={len(alone)})")
        print(f"beside failing {lo_mb}-{hi_mb} MB deliveries:   p50 {pct(beside, 50):7.2f} ms  "
              f"p99 {pct(beside, 99):7.2f} ms  (n={len(beside)})")
        print(f"p99 ratio beside/alone: {pct(beside, 99) / pct(alone, 99):.1f}x; "
              f"big deliveries answered: {len(big_times)}, "
              f"median answer {sorted(big_times)[len(big_times) // 2]:.0f} ms")
    finally:
        listener.terminate()
        listener.wait(60)
        if not os.environ.get("BENCH_DIR"):
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
