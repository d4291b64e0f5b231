"""Benchmark: casting ballots through gunicorn under 200 concurrent clients (issue 5).

For each database (a throw-away SQLite file, and a throw-away PostgreSQL database when reachable):
migrate, create an open round (seed-000 A/B tables, 3 candidates) with N credentials, start gunicorn on a
free port, then
  1. drive C concurrent clients against a trivial view of the same server (/ballots/v/done/) → req/s;
  2. drive C concurrent clients casting the N ballots (POST /ballots/v/ step=cast) → casts/s, p50, p99;
  3. verify ballots = used credentials = casts accepted, and zero errors.
Prints the ratio casts/s ÷ trivial req/s. Goals: ratio ≥ 0.5 and p99 ≤ 100 ms on PostgreSQL; on SQLite
the N = 2000 meeting within 5 minutes with zero errors.

Closed loop by default (each of the C clients sends its next cast as soon as the last one returns: the
latency then is mostly queueing, C ÷ throughput). ``--spread S`` makes it open loop: the N voters arrive
evenly over S seconds (at most C in flight), which measures the latency a voter in a meeting sees.

Usage: .venv/bin/python bench/ballots.py [--db sqlite|postgres|both] [--voters 2000] [--clients 200]
           [--workers 4×CPUs+1] [--spread 0] [--pg postgres://kaoping:kaoping@127.0.0.1:5432/kaoping]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable


# ------------------------------------------------------------------------------------------ child: setup


def child_setup(voters: int) -> None:
    """Runs inside a subprocess whose environment names the throw-away database: prints JSON."""
    import django

    sys.path.insert(0, str(ROOT))
    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from kaoping.ballots import services
    from kaoping.ballots.services_voting import credentials_issue

    a = voters // 10
    rnd = services.round_create(
        actor=None, title="基准测试测评", preset_key="seed000.ab", eligible={"A": a, "B": voters - a}
    )
    subjects = [services.subject_add(actor=None, round=rnd, label=n) for n in ("张三", "李四", "王五")]
    services.round_open(actor=None, round=rnd)
    codes = credentials_issue(actor=None, round=rnd, counts={"A": a, "B": voters - a})
    print(
        json.dumps(
            {"round": rnd.pk, "subjects": [s.pk for s in subjects], "codes": [c for _, c in codes]},
        )
    )


def child_verify(round_id: int) -> None:
    import django

    sys.path.insert(0, str(ROOT))
    django.setup()
    from kaoping.ballots.models import Ballot, BallotChoice, Credential

    print(
        json.dumps(
            {
                "ballots": Ballot.objects.filter(round_id=round_id).count(),
                "choices": BallotChoice.objects.filter(ballot__round_id=round_id).count(),
                "used": Credential.objects.filter(round_id=round_id, is_used=True).count(),
            }
        )
    )


# ------------------------------------------------------------------------------------------ HTTP driver


async def request(port: int, method: str, path: str, body: bytes = b"", headers: dict | None = None):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    head = [f"{method} {path} HTTP/1.1", "Host: 127.0.0.1", "Connection: close"]
    for k, v in (headers or {}).items():
        head.append(f"{k}: {v}")
    if body:
        head += ["Content-Type: application/x-www-form-urlencoded", f"Content-Length: {len(body)}"]
    writer.write(("\r\n".join(head) + "\r\n\r\n").encode() + body)
    await writer.drain()
    data = await reader.read()
    writer.close()
    status = int(data.split(b" ", 2)[1]) if data else 0
    return status, data


async def drive(
    port: int, jobs: list, clients: int, spread: float = 0.0
) -> tuple[list[float], list[int], float]:
    """Run ``jobs`` (method, path, body, headers) with at most ``clients`` in flight. ``spread`` > 0: job i
    starts no earlier than i × spread / len(jobs) seconds (voters arriving over a meeting, open loop)."""
    latencies: list[float] = []
    statuses: list[int] = []
    slots = asyncio.Semaphore(clients)
    start = time.perf_counter()

    async def one(index: int, job) -> None:
        method, path, body, headers = job
        if spread:
            await asyncio.sleep(max(0.0, start + index * spread / len(jobs) - time.perf_counter()))
        async with slots:
            t = time.perf_counter()
            try:
                status, _ = await request(port, method, path, body, headers)
            except OSError:
                status = 0
            latencies.append(time.perf_counter() - t)
            statuses.append(status)

    await asyncio.gather(*(one(i, job) for i, job in enumerate(jobs)))
    return latencies, statuses, time.perf_counter() - start


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))] * 1000


# ----------------------------------------------------------------------------------------------- driver


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run(label: str, env: dict, voters: int, clients: int, workers: int, spread: float = 0.0) -> dict:
    out = subprocess.run(
        [PY, __file__, "--child-setup", str(voters)], env=env, capture_output=True, text=True, check=True
    )
    setup = json.loads(out.stdout.strip().splitlines()[-1])
    port = free_port()
    log = open(Path(env["KAOPING_VAR_DIR"]) / "gunicorn.log", "w+")
    server = subprocess.Popen(
        [
            str(Path(PY).parent / "gunicorn"),
            "kaoping.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--backlog",
            "2048",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=log,
    )
    try:
        for _ in range(100):
            try:
                status, page = asyncio.run(request(port, "GET", "/ballots/v/"))
                if status == 200:
                    break
            except OSError:
                pass
            time.sleep(0.2)
        else:
            raise RuntimeError("gunicorn did not start")
        cookie = re.search(rb"csrftoken=([^;]+)", page).group(1).decode()
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1).decode()
        headers = {"Cookie": f"csrftoken={cookie}"}
        # warm-up of every worker
        asyncio.run(drive(port, [("GET", "/ballots/v/done/", b"", None)] * (workers * 4), workers))
        trivial = asyncio.run(drive(port, [("GET", "/ballots/v/done/", b"", None)] * voters, clients))
        jobs = []
        for code in setup["codes"]:
            fields = {"csrfmiddlewaretoken": token, "step": "cast", "code": code}
            for n, sid in enumerate(setup["subjects"]):
                fields[f"s{sid}_overall"] = ("胜任", "基本胜任", "不胜任")[n % 3]
            jobs.append(("POST", "/ballots/v/", urllib.parse.urlencode(fields).encode(), headers))
        casts = asyncio.run(drive(port, jobs, clients, spread))
    finally:
        server.terminate()
        try:
            server.wait(20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.seek(0)
        tail = log.read()[-2000:]
        log.close()
        if tail.strip():
            print(f"--- gunicorn log tail ({label}) ---\n{tail}")
    verify = json.loads(
        subprocess.run(
            [PY, __file__, "--child-verify", str(setup["round"])],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        .stdout.strip()
        .splitlines()[-1]
    )
    t_lat, t_status, t_time = trivial
    c_lat, c_status, c_time = casts
    accepted = sum(1 for s in c_status if s == 302)
    result = {
        "db": label,
        "voters": voters,
        "clients": clients,
        "workers": workers,
        "spread": spread,
        "trivial_rps": len(t_lat) / t_time,
        "trivial_p50": pct(t_lat, 0.5),
        "trivial_p99": pct(t_lat, 0.99),
        "casts_per_s": len(c_lat) / c_time,
        "cast_p50": pct(c_lat, 0.5),
        "cast_p99": pct(c_lat, 0.99),
        "cast_seconds": c_time,
        "accepted": accepted,
        "errors": len(c_status) - accepted,
        "trivial_errors": sum(1 for s in t_status if s != 200),
        **verify,
    }
    result["ratio"] = result["casts_per_s"] / result["trivial_rps"]
    result["consistent"] = verify["ballots"] == verify["used"] == accepted
    return result


def sqlite_env() -> dict:
    var = tempfile.mkdtemp(prefix="kaoping-bench-")
    Path(var, "static").mkdir(parents=True, exist_ok=True)
    env = dict(
        os.environ, KAOPING_VAR_DIR=var, DJANGO_SETTINGS_MODULE="kaoping.settings", LOG_LEVEL="WARNING"
    )
    env.pop("DATABASE_URL", None)
    return env


def pg_env(base_url: str) -> tuple[dict, str, str]:
    import psycopg

    name = f"kaoping_bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(base_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    url = base_url.rsplit("/", 1)[0] + "/" + name
    env = sqlite_env()
    env["DATABASE_URL"] = url
    return env, name, url


def drop_pg(base_url: str, name: str) -> None:
    import psycopg

    with psycopg.connect(base_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def report(r: dict) -> None:
    print(
        f"== {r['db']}: {r['voters']} voters, {r['clients']} concurrent clients, {r['workers']} gunicorn workers"
    )
    print(
        f"   trivial view   {r['trivial_rps']:8.1f} req/s   p50 {r['trivial_p50']:7.1f} ms   p99 {r['trivial_p99']:7.1f} ms"
    )
    print(
        f"   cast ballot    {r['casts_per_s']:8.1f} /s      p50 {r['cast_p50']:7.1f} ms   p99 {r['cast_p99']:7.1f} ms"
        f"   ({r['cast_seconds']:.1f} s for all)"
    )
    if r["spread"]:
        print(
            "   ratio: not meaningful in open loop (the cast rate is the arrival rate); run without --spread"
        )
    else:
        print(f"   ratio casts/trivial = {r['ratio']:.2f}")
    print(
        f"   accepted {r['accepted']}, errors {r['errors']} (trivial errors {r['trivial_errors']}); "
        f"ballots {r['ballots']}, used credentials {r['used']}, choices {r['choices']} → "
        f"{'consistent' if r['consistent'] else 'INCONSISTENT'}"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", default="both", choices=["sqlite", "postgres", "both"])
    parser.add_argument("--voters", type=int, default=2000)
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--workers", type=int, default=4 * (os.cpu_count() or 1) + 1)
    parser.add_argument("--spread", type=float, default=0.0, help="open loop: voters arrive over N seconds")
    parser.add_argument("--pg", default="postgres://kaoping:kaoping@127.0.0.1:5432/kaoping")
    parser.add_argument("--child-setup", type=int)
    parser.add_argument("--child-verify", type=int)
    args = parser.parse_args()
    if args.child_setup:
        return child_setup(args.child_setup)
    if args.child_verify:
        return child_verify(args.child_verify)
    if args.db in ("sqlite", "both"):
        report(run("SQLite", sqlite_env(), args.voters, args.clients, args.workers, args.spread))
    if args.db in ("postgres", "both"):
        env, name, _url = pg_env(args.pg)
        try:
            report(run("PostgreSQL", env, args.voters, args.clients, args.workers, args.spread))
        finally:
            drop_pg(args.pg, name)
    return None


if __name__ == "__main__":
    main()
