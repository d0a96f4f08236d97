"""Stand-ins for an Elasticsearch cluster on a loopback port, for the breaker and outbox tests.

There is no Elasticsearch server here, so these play its part over real
sockets: the engine, its client and its transport run unchanged against them.

- ``FakeElasticsearch``: answers the few endpoints the engine uses from an
  in-memory store, can reject bulk items the way a cluster does (429
  ``es_rejected_execution_exception``, a read-only ``cluster_block_exception``)
  or answer every request with one status (503), and counts requests.
- ``SilentServer``: accepts connections and never answers (a hung node).
- ``closed_port()``: a port nothing listens on (connections are refused).
"""

import json
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

HEADERS = {"X-Elastic-Product": "Elasticsearch", "Content-Type": "application/json"}


class FakeElasticsearch:
    def __init__(self):
        self.docs = {}
        self.requests = []
        self.reject = {}  # op type ("index"/"delete") -> (status, error type, reason)
        self.status = None  # answer every request with this status (503: the cluster is sick)
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def _answer(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                path = urlsplit(self.path).path
                fake.requests.append((self.command, path))
                status, payload = fake.answer(self.command, path, body)
                data = b"" if self.command == "HEAD" else json.dumps(payload).encode()
                self.send_response(status)
                for name, value in HEADERS.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _answer

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def close(self):
        self.server.shutdown()
        self.server.server_close()

    def answer(self, method, path, body):
        if self.status:
            return self.status, {"error": {"type": "unavailable", "reason": "sick"},
                                 "status": self.status}
        parts = [p for p in path.split("/") if p]
        if parts and parts[-1] == "_bulk":
            return 200, self.bulk(body)
        if parts and parts[-1] == "_search":
            hits = [{"_id": doc_id, "_score": 1.0, "_source": source}
                    for doc_id, source in self.docs.items()]
            return 200, {"hits": {"total": {"value": len(hits)}, "hits": hits}}
        if parts and parts[-1] == "_count":
            return 200, {"count": len(self.docs)}
        if len(parts) == 3 and parts[1] == "_doc":
            if parts[2] in self.docs:
                return 200, {"_id": parts[2], "found": True, "_source": self.docs[parts[2]]}
            return 404, {"_id": parts[2], "found": False}
        if not parts:
            return 200, {"name": "fake", "version": {"number": "8.15.0"}, "tagline": "You Know, for Search"}
        return 200, {"acknowledged": True}

    def bulk(self, body):
        lines = [json.loads(line) for line in body.decode().splitlines() if line.strip()]
        items = []
        while lines:
            ((op_type, meta),) = lines.pop(0).items()
            source = lines.pop(0) if op_type in ("index", "create", "update") else None
            doc_id = meta["_id"]
            result = {"_index": "hub-1", "_id": doc_id}
            if op_type in self.reject:
                status, kind, reason = self.reject[op_type]
                result.update(status=status, error={"type": kind, "reason": reason})
            elif op_type == "delete":
                found = self.docs.pop(doc_id, None) is not None
                result.update(status=200 if found else 404,
                              result="deleted" if found else "not_found")
            else:
                self.docs[doc_id] = source
                result.update(status=201, result="created")
            items.append({op_type: result})
        errors = any(not 200 <= list(i.values())[0]["status"] < 300 for i in items)
        return {"took": 1, "errors": errors, "items": items}


class SilentServer:
    """Accepts TCP connections and never sends a byte; ``connections`` counts them."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.connections = 0
        self.accepted = threading.Semaphore(0)
        self.open = []
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    @property
    def url(self):
        return f"http://127.0.0.1:{self.sock.getsockname()[1]}"

    def _accept(self):
        while True:
            try:
                conn, _addr = self.sock.accept()
            except OSError:
                return
            self.open.append(conn)
            self.connections += 1
            self.accepted.release()

    def close(self):
        self.sock.close()
        for conn in self.open:
            conn.close()


def closed_port():
    """A loopback URL on which nothing listens."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"
