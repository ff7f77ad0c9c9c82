"""Runs INSIDE the grading sandbox (sandbox.py starts it with the system's python3): relays the kernel's ports.

  python3 /run/box/relay.py FD:PORT ...

Each FD is a socket that the wrapper outside created, bound to 127.0.0.1:PORT in the HOST's network namespace
and already listening, and handed down to this process. Every connection accepted on it (the grader's Jupyter
client) is joined to 127.0.0.1:PORT in the sandbox's own network namespace, where the kernel listens. So no
socket file or writable folder of the host is shared with the sandbox, and the sandbox can accept the grader's
connections but cannot open any connection to the host. Standard library only: it runs on the system's Python.
"""
import socket
import sys
import threading
import time


def pump(a: socket.socket, b: socket.socket):
    try:
        while True:
            data = a.recv(65536)
            if not data:
                break
            b.sendall(data)
    except OSError:
        pass
    finally:
        for s in (a, b):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


def serve(fd: int, port: int):
    server = socket.socket(fileno=fd)
    while True:
        try:
            client, _ = server.accept()
        except OSError:
            return
        inner = None
        deadline = time.monotonic() + 60        # the kernel may still be starting
        while inner is None and time.monotonic() < deadline:
            try:
                inner = socket.create_connection(("127.0.0.1", port))
            except OSError:
                time.sleep(0.1)
        if inner is None:
            client.close()
            continue
        for x, y in ((client, inner), (inner, client)):
            threading.Thread(target=pump, args=(x, y), daemon=True).start()


def main(pairs):
    threads = []
    for pair in pairs:
        fd, port = (int(x) for x in pair.split(":"))
        threads.append(threading.Thread(target=serve, args=(fd, port), daemon=True))
    for t in threads:
        t.start()
    for t in threads:
        t.join()


if __name__ == "__main__":
    main(sys.argv[1:])
