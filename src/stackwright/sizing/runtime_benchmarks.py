"""Requests per vCPU for the Django, Flask, Rails, Laravel, Express, ASP.NET and Phoenix profiles, derived
from one published benchmark with the arithmetic in the open.

Source: the-benchmarker/web-frameworks ("Which is the fastest?"), the results table committed in its
README.md. The benchmark measures the framework alone (wrk against routing and path-parameter endpoints
that return an empty body: no database, no template), so its figure is a framework's own CPU cost per
request, not the throughput of an application.

- Run of 2019-05-06 (README.md at commit 013934f8337ff03267832e628ad696f21f447e0b), "OS: Linux (version:
  5.0.9-301.fc30.x86_64, arch: x86_64), CPU Cores: 8", table "Requests per seconds": FastAPI 0.16 67,813.00;
  Django 2.2 15,040.00; Flask 1.0 44,911.00; Rails 5.2 4,124.33; Laravel 5.8 55,040.00; Express 4.16
  121,442.67; ASP.NET Core 2.2 192,538.00 req/s. Phoenix is not in that run.
- Run of 2020-05-31 (README.md at commit d8c88d055008aa660e85aa4b7d4806a2c4ceee66), wrk with 8 threads,
  15 s, concurrency 64 (the README states no core count): Phoenix 1.5 35,880 and FastAPI 0.55 27,239 req/s.
  Phoenix's cost is taken relative to FastAPI's in that run (the same machine for both).

Derivation, per framework: framework CPU per request = cores / published req/s (vCPU-seconds; for Phoenix,
FastAPI's figure × FastAPI's req/s / Phoenix's req/s in the 2020 run). A real request adds the
application's own work (ORM, queries, serialisation) to that. We take the application work as the same for
every framework: the FastAPI profile's 1/100 vCPU-second (`FASTAPI_RPS_PER_VCPU`, itself an estimate for an
ORM-backed API, see `profiles.RPS_SOURCES["fastapi"]`) minus FastAPI's own measured cost. Requests per
vCPU = 1 / (application work + framework cost).

What this does not capture: the application work is not the same in every language (an ORM in Ruby or
Python spends more CPU than one in C# for the same query), so the figures understate the spread between
runtimes: they are the part of the difference a published benchmark measures. A load test of your own
service (`rps_per_vcpu`) replaces them.
"""

from __future__ import annotations

BENCHMARK_URL = "https://github.com/the-benchmarker/web-frameworks"
RUN_2019 = "013934f8337ff03267832e628ad696f21f447e0b"
RUN_2020 = "d8c88d055008aa660e85aa4b7d4806a2c4ceee66"
RUN_2019_CORES = 8
FASTAPI_RPS_PER_VCPU = 100  # the anchor: an estimate, not a benchmark figure (see the module docstring)

# runtime → (framework and version as the table names it, run commit, published req/s)
PUBLISHED_RPS = {
    "fastapi": ("fastapi 0.16", RUN_2019, 67_813.00),
    "django": ("django 2.2", RUN_2019, 15_040.00),
    "flask": ("flask 1.0", RUN_2019, 44_911.00),
    "rails": ("rails 5.2", RUN_2019, 4_124.33),
    "laravel": ("laravel 5.8", RUN_2019, 55_040.00),
    "express": ("express 4.16", RUN_2019, 121_442.67),
    "aspnet": ("aspnetcore 2.2", RUN_2019, 192_538.00),
    "phoenix": ("phoenix 1.5", RUN_2020, 35_880.0),
}
FASTAPI_IN_2020_RUN = ("fastapi 0.55", RUN_2020, 27_239.0)


def framework_cpu_seconds(runtime: str) -> float:
    """vCPU-seconds the framework itself spends per request, from the published run."""
    _, run, rps = PUBLISHED_RPS[runtime]
    fastapi_2019 = RUN_2019_CORES / PUBLISHED_RPS["fastapi"][2]
    if run == RUN_2019:
        return RUN_2019_CORES / rps
    return fastapi_2019 * FASTAPI_IN_2020_RUN[2] / rps


APPLICATION_CPU_SECONDS = 1 / FASTAPI_RPS_PER_VCPU - framework_cpu_seconds("fastapi")


def derived_rps_per_vcpu(runtime: str) -> int:
    return round(1 / (APPLICATION_CPU_SECONDS + framework_cpu_seconds(runtime)))


def source(runtime: str) -> str:
    name, run, rps = PUBLISHED_RPS[runtime]
    where = (f"{BENCHMARK_URL}/blob/{run}/README.md")
    if run == RUN_2019:
        hardware = f"run of 2019-05-06 on {RUN_2019_CORES} cores (Linux 5.0.9 x86_64)"
        cost = f"{RUN_2019_CORES} / {rps:,.2f} = {framework_cpu_seconds(runtime) * 1000:.3f} ms per request"
    else:
        hardware = "run of 2020-05-31, wrk 8 threads, concurrency 64 (cores not stated)"
        cost = (f"FastAPI's {framework_cpu_seconds('fastapi') * 1000:.3f} ms × {FASTAPI_IN_2020_RUN[2]:,.0f} "
                f"(fastapi 0.55, same run) / {rps:,.0f} = {framework_cpu_seconds(runtime) * 1000:.3f} ms per request")
    return (f"the-benchmarker/web-frameworks, {name} {rps:,.2f} req/s, routing test without a database, {hardware}: "
            f"{where}; framework cost {cost}; plus {APPLICATION_CPU_SECONDS * 1000:.3f} ms of application work "
            f"(the FastAPI profile's estimate) = {derived_rps_per_vcpu(runtime)} req/s per vCPU")
