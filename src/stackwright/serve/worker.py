"""Evaluation in worker processes, each bounded in time and memory.

A spec can be hostile or just huge; a thread cannot be stopped, a process can. Each job runs in one of a
few long-lived worker processes (warm imports and caches, so a blueprint evaluates in milliseconds); a job
that runs past its time limit has its worker killed and replaced, and the caller gets a timeout. Each
worker's address space is capped, so a memory bomb fails inside the worker instead of taking the machine.
"""

from __future__ import annotations

import multiprocessing
import queue
import threading
from dataclasses import dataclass

MEMORY_LIMIT_BYTES = 2 * 1024**3


@dataclass(frozen=True)
class Reply:
    status: int
    media_type: str
    body: bytes
    headers: tuple[tuple[str, str], ...] = ()


class EvaluationFailed(Exception):
    """The job ran past its time limit, or its worker died (out of memory)."""


def _serve(connection, memory_limit: int) -> None:  # pragma: no cover - runs in the child process
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (memory_limit, memory_limit))
    except (ImportError, ValueError, OSError):
        pass  # not on this platform: the time limit still holds
    from stackwright.serve import jobs

    jobs.warm_up()
    while True:
        try:
            name, args = connection.recv()
        except EOFError:
            return
        try:
            reply = jobs.run(name, *args)
        except MemoryError:
            reply = jobs.too_big()
        except Exception as error:  # a bug must not take the worker down with the request
            reply = jobs.internal_error(name, error)
        connection.send(reply)


class _Worker:
    def __init__(self, context, memory_limit: int):
        self.connection, child = context.Pipe()
        self.process = context.Process(target=_serve, args=(child, memory_limit), daemon=True,
                                       name="stackwright-serve-worker")
        self.process.start()
        child.close()

    def call(self, name: str, args: tuple, timeout: float) -> Reply:
        self.connection.send((name, args))
        if not self.connection.poll(timeout):
            raise EvaluationFailed(f"took longer than {timeout:g} s")
        try:
            return self.connection.recv()
        except EOFError:
            raise EvaluationFailed("the evaluation ran out of memory or crashed") from None

    def stop(self) -> None:
        self.process.kill()
        self.process.join(5)
        self.connection.close()


class Pool:
    """`size` workers; a job waits for a free one, and a worker that times out or dies is replaced."""

    def __init__(self, size: int = 2, memory_limit: int = MEMORY_LIMIT_BYTES):
        self._context = multiprocessing.get_context("spawn")  # no fork of a threaded server
        self._memory_limit = memory_limit
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        for _ in range(size):
            self._add()

    def _add(self) -> None:
        worker = _Worker(self._context, self._memory_limit)
        with self._lock:
            self._all.add(worker)
        self._idle.put(worker)

    def _retire(self, worker: _Worker) -> None:
        worker.stop()
        with self._lock:
            self._all.discard(worker)
        self._add()

    def call(self, name: str, *args, timeout: float) -> Reply:
        try:
            worker = self._idle.get(timeout=timeout)
        except queue.Empty:
            raise EvaluationFailed(f"every worker stayed busy for {timeout:g} s") from None
        try:
            reply = worker.call(name, args, timeout)
        except (EvaluationFailed, OSError) as error:
            self._retire(worker)
            raise EvaluationFailed(str(error) or "the worker stopped") from None
        self._idle.put(worker)
        return reply

    def close(self) -> None:
        with self._lock:
            workers, self._all = list(self._all), set()
        for worker in workers:
            worker.stop()
