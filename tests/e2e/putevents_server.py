#!/usr/bin/env python3
"""A local Amazon EventBridge PutEvents endpoint for tests and benchmarks (HTTP on loopback).

Every request's SigV4 signature is checked with an independent implementation, botocore's
SigV4Auth (Debian: python3-botocore), for the known test credentials; entries are validated as
AWS does and answered in AWS's shapes (EventId per entry, FailedEntryCount, `__type` errors).

    putevents_server.py [--port 0] [--region us-east-1] [--access-key-id ID]
                        [--secret-access-key-file FILE] [--session-token TOKEN]

The first line on stdout is `port N`. The secret is read from a file (or the environment variable
PUTEVENTS_SECRET_ACCESS_KEY) so it never shows in a process list; it is never printed.

Control (JSON in, JSON out):
    POST /_control {"throttle": N, "retry_after_ms": MS}   next N calls: 400 ThrottlingException
                   {"server_error": N, "status": 503}       next N calls: that 5xx
                   {"slow_ms": MS, "slow": N}               next N calls answer after MS ms
                   {"fail_entries": [{"index": I, "code": C, "message": M}], "fail_times": N}
                                                            entry I of the next N calls fails
                   {"max_request_bytes": B}                 the request's total entry size limit
                   {"reset": true}                          faults and received events cleared
    GET /_received  {"requests": n, "rejected": n, "entries": [accepted entries with EventId]}
"""

import argparse
import datetime
import hmac
import json
import os
import sys
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

try:
    from botocore.auth import SigV4Auth
    from botocore.awsrequest import AWSRequest
    from botocore.credentials import Credentials
except ImportError:  # pragma: no cover - reported to the test, which fails with this text
    print("putevents_server: botocore is not installed (Debian: apt-get install python3-botocore)",
          file=sys.stderr, flush=True)
    sys.exit(3)

SERVICE = "events"
TARGET = "AWSEvents.PutEvents"
MAX_DETAIL_TYPE = 128
MAX_ENTRIES = 10
CLOCK_SKEW_S = 300


class State:
    def __init__(self):
        self.lock = threading.Lock()
        self.reset()

    def reset(self):
        self.throttle = 0
        self.retry_after_ms = None
        self.server_error = 0
        self.server_status = 503
        self.slow = 0
        self.slow_ms = 0
        self.fail_entries = []
        self.fail_times = 0
        self.max_request_bytes = 262144
        self.requests = 0
        self.rejected = 0
        self.entries = []


def entry_size(entry):
    """AWS's documented PutEventsRequestEntry size."""
    size = 14 if entry.get("Time") is not None else 0
    for key in ("Source", "DetailType", "Detail"):
        value = entry.get(key)
        if isinstance(value, str):
            size += len(value.encode("utf-8"))
    for resource in entry.get("Resources") or []:
        if isinstance(resource, str):
            size += len(resource.encode("utf-8"))
    return size


def validate_entry(entry):
    """(code, message) for an entry AWS would refuse, else None."""
    if not isinstance(entry, dict):
        return ("InvalidArgument", "Entry is not an object.")
    missing = [k for k in ("Source", "DetailType", "Detail") if not entry.get(k)]
    if missing:
        return ("InvalidArgument",
                "Parameter(s) %s must be specified." % ", ".join(missing))
    if not all(isinstance(entry[k], str) for k in ("Source", "DetailType", "Detail")):
        return ("InvalidArgument", "Source, DetailType and Detail must be strings.")
    if entry["Source"].startswith("aws."):
        return ("NotAuthorizedForSourceException", "Not authorized for the source.")
    if len(entry["DetailType"]) > MAX_DETAIL_TYPE:
        return ("InvalidArgument", "DetailType is longer than %d characters." % MAX_DETAIL_TYPE)
    try:
        detail = json.loads(entry["Detail"])
    except ValueError:
        return ("MalformedDetail", "Detail is malformed.")
    if not isinstance(detail, dict):
        return ("MalformedDetail", "Detail is malformed.")
    return None


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "putevents-test"
    # The head and the body go out in two writes; with Nagle's algorithm the second waits for
    # the client's delayed ACK (40 ms a call), which AWS's endpoints do not make anyone wait.
    disable_nagle_algorithm = True

    def log_message(self, fmt, *args):  # quiet: the test reads stdout for the port only
        pass

    # ---- plumbing -------------------------------------------------------------------------
    def _send(self, status, body, headers=None):
        data = json.dumps(body).encode("utf-8")
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/x-amz-json-1.1")
            self.send_header("Content-Length", str(len(data)))
            self.send_header("x-amzn-RequestId", str(uuid.uuid4()))
            for k, v in (headers or {}).items():
                self.send_header(k, v)
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (its timeout); nothing to answer

    def _error(self, status, code, message, headers=None):
        h = {"x-amzn-ErrorType": code}
        h.update(headers or {})
        with self.server.state.lock:
            self.server.state.rejected += 1
        self._send(status, {"__type": code, "message": message}, h)

    def _read_body(self):
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    # ---- control ----------------------------------------------------------------------------
    def do_GET(self):
        if self.path != "/_received":
            self._error(404, "UnknownOperationException", "GET %s" % self.path)
            return
        st = self.server.state
        with st.lock:
            body = {"requests": st.requests, "rejected": st.rejected, "entries": list(st.entries)}
        self._send(200, body)

    def _control(self, body):
        try:
            c = json.loads(body or b"{}")
        except ValueError:
            self._send(400, {"error": "control body is not JSON"})
            return
        st = self.server.state
        with st.lock:
            if c.get("reset"):
                st.reset()
            if "throttle" in c:
                st.throttle = int(c["throttle"])
                st.retry_after_ms = c.get("retry_after_ms")
            if "server_error" in c:
                st.server_error = int(c["server_error"])
                st.server_status = int(c.get("status", 503))
            if "slow" in c:
                st.slow = int(c["slow"])
                st.slow_ms = int(c.get("slow_ms", 0))
            if "fail_entries" in c:
                st.fail_entries = list(c["fail_entries"])
                st.fail_times = int(c.get("fail_times", 1))
            if "max_request_bytes" in c:
                st.max_request_bytes = int(c["max_request_bytes"])
        self._send(200, {"ok": True})

    # ---- PutEvents --------------------------------------------------------------------------
    def do_POST(self):
        body = self._read_body()
        if self.path == "/_control":
            self._control(body)
            return
        st = self.server.state
        with st.lock:
            st.requests += 1
            slow_ms = 0
            if st.slow > 0:
                st.slow -= 1
                slow_ms = st.slow_ms
        if slow_ms:
            time.sleep(slow_ms / 1000.0)

        problem = self._check_signature(body)
        if problem:
            self._error(*problem)
            return
        if self.headers.get("X-Amz-Target") != TARGET:
            self._error(400, "UnknownOperationException", "Unknown operation %s"
                        % self.headers.get("X-Amz-Target"))
            return
        if not (self.headers.get("Content-Type") or "").startswith("application/x-amz-json-1.1"):
            self._error(400, "SerializationException", "Content-Type must be application/x-amz-json-1.1")
            return

        with st.lock:
            if st.throttle > 0:
                st.throttle -= 1
                extra = {}
                if st.retry_after_ms is not None:
                    extra["x-amz-retry-after"] = str(st.retry_after_ms)
                throttled = extra
            else:
                throttled = None
            server_status = 0
            if throttled is None and st.server_error > 0:
                st.server_error -= 1
                server_status = st.server_status
        if throttled is not None:
            self._error(400, "com.amazon.coral.availability#ThrottlingException",
                        "Rate exceeded", throttled)
            return
        if server_status:
            self._error(server_status, "InternalException", "Internal service error")
            return

        try:
            request = json.loads(body)
        except ValueError:
            self._error(400, "SerializationException", "Start of structure or map found where not expected.")
            return
        entries = request.get("Entries") if isinstance(request, dict) else None
        if not isinstance(entries, list) or not entries:
            self._error(400, "ValidationException",
                        "1 validation error detected: Value null at 'entries' failed to satisfy "
                        "constraint: Member must not be null")
            return
        if len(entries) > MAX_ENTRIES:
            self._error(400, "ValidationException",
                        "1 validation error detected: Value at 'entries' failed to satisfy "
                        "constraint: Member must have length less than or equal to %d" % MAX_ENTRIES)
            return
        with st.lock:
            limit = st.max_request_bytes
        if sum(entry_size(e) for e in entries if isinstance(e, dict)) > limit:
            self._error(400, "ValidationException",
                        "Total size of the entries in the request is over the limit.")
            return

        with st.lock:
            injected = {}
            if st.fail_times > 0:
                st.fail_times -= 1
                injected = {int(f["index"]): f for f in st.fail_entries}
        results = []
        failed = 0
        accepted = []
        for i, entry in enumerate(entries):
            problem = validate_entry(entry)
            if problem is None and i in injected:
                problem = (injected[i].get("code", "InternalFailure"),
                           injected[i].get("message", "Internal Service Failure"))
            if problem:
                failed += 1
                results.append({"ErrorCode": problem[0], "ErrorMessage": problem[1]})
                continue
            event_id = str(uuid.uuid4())
            results.append({"EventId": event_id})
            accepted.append(dict(entry, EventId=event_id))
        with st.lock:
            st.entries.extend(accepted)
        self._send(200, {"FailedEntryCount": failed, "Entries": results})

    def _check_signature(self, body):
        """None, or (status, code, message) as AWS answers a bad signature."""
        srv = self.server
        authz = self.headers.get("Authorization") or ""
        amz_date = self.headers.get("X-Amz-Date") or ""
        if not authz.startswith("AWS4-HMAC-SHA256 "):
            return (403, "MissingAuthenticationTokenException", "Missing Authentication Token")
        fields = {}
        for part in authz[len("AWS4-HMAC-SHA256 "):].split(","):
            k, _, v = part.strip().partition("=")
            fields[k] = v
        try:
            key_id, day, region, service, terminator = fields["Credential"].split("/")
            signed = fields["SignedHeaders"].split(";")
            given = fields["Signature"]
        except (KeyError, ValueError):
            return (403, "IncompleteSignatureException", "Authorization header is malformed.")
        if key_id != srv.access_key_id:
            return (403, "UnrecognizedClientException",
                    "The security token included in the request is invalid.")
        if srv.session_token is not None and \
                self.headers.get("X-Amz-Security-Token") != srv.session_token:
            return (403, "UnrecognizedClientException",
                    "The security token included in the request is invalid.")
        if region != srv.region or service != SERVICE or terminator != "aws4_request":
            return (403, "InvalidSignatureException",
                    "Credential should be scoped to a valid region and service events.")
        if "host" not in signed or "x-amz-date" not in signed:
            return (403, "InvalidSignatureException",
                    "'Host' and 'X-Amz-Date' must be signed headers.")
        try:
            at = datetime.datetime.strptime(amz_date, "%Y%m%dT%H%M%SZ").replace(
                tzinfo=datetime.timezone.utc)
        except ValueError:
            return (403, "IncompleteSignatureException", "X-Amz-Date is not a valid date.")
        if day != amz_date[:8]:
            return (403, "InvalidSignatureException", "Credential date does not match X-Amz-Date.")
        skew = abs((datetime.datetime.now(datetime.timezone.utc) - at).total_seconds())
        if skew > CLOCK_SKEW_S:
            return (403, "InvalidSignatureException", "Signature expired: %s is now earlier than "
                    "the allowed window." % amz_date)

        headers = {}
        for name in signed:
            values = self.headers.get_all(name)
            if values is None:
                return (403, "InvalidSignatureException", "Signed header %s is missing." % name)
            headers[name] = ",".join(values)
        request = AWSRequest(method=self.command,
                             url="http://%s%s" % (headers["host"], self.path),
                             data=body, headers=headers)
        request.context["timestamp"] = amz_date
        token = self.headers.get("X-Amz-Security-Token")
        auth = SigV4Auth(Credentials(key_id, srv.secret_access_key, token), SERVICE, region)
        canonical = auth.canonical_request(request)
        expected = auth.signature(auth.string_to_sign(request, canonical), request)
        if not hmac.compare_digest(expected, given):
            return (403, "InvalidSignatureException",
                    "The request signature we calculated does not match the signature you "
                    "provided. Check your AWS Secret Access Key and signing method. Consult the "
                    "service documentation for details.")
        return None


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--region", default="us-east-1")
    parser.add_argument("--access-key-id", default="AKIDHOOKBENCHTEST")
    parser.add_argument("--secret-access-key-file")
    parser.add_argument("--session-token")
    args = parser.parse_args()

    if args.secret_access_key_file:
        with open(args.secret_access_key_file, encoding="utf-8") as f:
            secret = f.read().strip()
    else:
        secret = os.environ.get("PUTEVENTS_SECRET_ACCESS_KEY", "")
    if not secret:
        print("putevents_server: no secret: --secret-access-key-file or PUTEVENTS_SECRET_ACCESS_KEY",
              file=sys.stderr, flush=True)
        return 2

    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    server.daemon_threads = True
    server.state = State()
    server.region = args.region
    server.access_key_id = args.access_key_id
    server.secret_access_key = secret
    server.session_token = args.session_token
    print("port %d" % server.server_address[1], flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
