"""A real Celery worker for tests, against Redis and the test database (PostgreSQL only).

Usage from any app's tests (import the fixture into that folder's conftest.py or the test module):

    from tests.documents.worker import celery_worker_env, start_worker  # noqa: F401 (the fixture)

    @pytest.mark.worker
    @pytest.mark.django_db(transaction=True)  # the worker must see committed rows
    def test_x(celery_worker_env):
        worker = start_worker(celery_worker_env)  # stopped by the fixture's teardown
        ...                                        # enqueue as usual: this process now sends to Redis

The fixture skips without PostgreSQL or Redis, and fails instead when CI=true. Broker: CELERY_BROKER_URL
or redis://127.0.0.1:6379/15; its queue is purged before and after. MEDIA_ROOT is a temporary folder
shared by the test process and the workers.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection

DEFAULT_BROKER_URL = "redis://127.0.0.1:6379/15"


def broker_url() -> str:
    return os.environ.get("CELERY_BROKER_URL") or DEFAULT_BROKER_URL


def skip_or_fail(reason: str) -> None:
    """Skip locally; on CI (CI=true) a missing service is an error, not a silent skip."""
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"worker tests need PostgreSQL and Redis on CI: {reason}", pytrace=False)
    pytest.skip(reason)


def database_url() -> str:
    """DATABASE_URL of the test database this process uses, for the worker."""
    db = connection.settings_dict
    user = quote(db.get("USER") or "", safe="")
    password = db.get("PASSWORD") or ""
    credentials = f"{user}:{quote(password, safe='')}@" if password else (f"{user}@" if user else "")
    host = db.get("HOST") or "127.0.0.1"
    port = f":{db['PORT']}" if db.get("PORT") else ""
    return f"postgres://{credentials}{host}{port}/{quote(db['NAME'], safe='')}"


def check_services(url: str) -> None:
    if connection.vendor != "postgresql":
        skip_or_fail(
            f"a worker test needs PostgreSQL (the test database is {connection.vendor}); "
            "set DATABASE_URL=postgres://postgres@127.0.0.1:5432/tandem"
        )
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=2, socket_timeout=2).ping()
    except redis.RedisError as exc:
        skip_or_fail(f"Redis does not answer at {url}: {exc}")


@dataclass
class WorkerEnv:
    broker_url: str
    database_url: str
    media_root: str
    logs: Path
    workers: list[Worker] = field(default_factory=list)


@dataclass
class Worker:
    process: subprocess.Popen
    log_path: Path

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def alive(self) -> bool:
        return self.process.poll() is None

    def kill(self) -> None:
        """SIGKILL the worker and its children (its own process group): no shutdown, no ack."""
        if self.alive():
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self, timeout: float = 15) -> None:
        if not self.alive():
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.kill()


def wait_for(
    predicate: Callable[[], object],
    *,
    timeout: float,
    interval: float = 0.1,
    message: str | Callable[[], str] = "",
) -> object:
    """Poll until predicate() is truthy; on timeout fail with the message (a callable: computed then)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = predicate()
        if result:
            return result
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout} s: {message() if callable(message) else message}")


def start_worker(env: WorkerEnv, *, ready_timeout: float = 60) -> Worker:
    """Start `celery -A config worker -P solo` on the test database and broker; wait until it is ready."""
    name = f"test-{uuid.uuid4().hex[:8]}"
    log_path = env.logs / f"worker-{name}.log"
    process_env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": env.database_url,
        "CELERY_BROKER_URL": env.broker_url,
        "TANDEM_TEST_EAGER": "0",
        "MEDIA_ROOT": env.media_root,
        "PYTHONUNBUFFERED": "1",
    }
    command = [
        sys.executable,
        "-m",
        "celery",
        "-A",
        "config",
        "worker",
        "-P",
        "solo",
        "-c",
        "1",
        "--without-gossip",
        "--without-mingle",
        "--without-heartbeat",
        "-Q",
        "celery",
        "--loglevel=INFO",
        "-n",
        f"{name}@%h",
    ]
    with open(log_path, "wb") as log:
        process = subprocess.Popen(  # noqa: S603 (our own interpreter and arguments)
            command,
            cwd=settings.BASE_DIR,
            env=process_env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: kill() takes its children too
        )
    worker = Worker(process=process, log_path=log_path)
    env.workers.append(worker)

    def ready() -> bool:
        if not worker.alive():
            raise AssertionError(f"the worker exited ({process.returncode}):\n{worker.log()[-4000:]}")
        return " ready." in worker.log()

    wait_for(ready, timeout=ready_timeout, message=lambda: f"worker not ready:\n{worker.log()[-4000:]}")
    return worker


@contextmanager
def worker_environment(media_root: str, logs: Path) -> Iterator[WorkerEnv]:
    """Point this process's Celery app at Redis (not eager), purge the queue; stop all workers after."""
    from config.celery import app

    url = broker_url()
    check_services(url)
    saved = {key: app.conf[key] for key in ("task_always_eager", "broker_url")}
    app.conf.task_always_eager = False
    app.conf.broker_url = url
    _reset_pool(app)
    _purge(app, url)
    env = WorkerEnv(broker_url=url, database_url=database_url(), media_root=media_root, logs=logs)
    try:
        yield env
    finally:
        for worker in env.workers:
            worker.stop()
        _purge(app, url)
        app.conf.update(saved)
        _reset_pool(app)
        # The worker's connections must be gone before pytest-django drops the test database.
        connection.close()


def _reset_pool(app) -> None:
    """Drop the broker connection pools, so the next send connects to the (new) broker_url."""
    from kombu import pools

    pools.reset()
    app._pool = None
    if "amqp" in app.__dict__:
        app.amqp._producer_pool = None


def _purge(app, url: str) -> None:
    """Empty the queue and the unacknowledged messages of this broker database (nothing else)."""
    import redis

    app.control.purge()
    redis.Redis.from_url(url).delete("unacked", "unacked_index", "unacked_mutex")


@pytest.fixture
def celery_worker_env(transactional_db, settings, tmp_path) -> Iterator[WorkerEnv]:
    """A broker and database shared with workers started by start_worker(); all stopped afterwards."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    Path(settings.MEDIA_ROOT).mkdir(parents=True, exist_ok=True)
    logs = tmp_path / "worker-logs"
    logs.mkdir(exist_ok=True)
    with worker_environment(settings.MEDIA_ROOT, logs) as env:
        yield env
