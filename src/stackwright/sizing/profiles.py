"""Rules of thumb that turn load into capacity. Each is a default the spec can override.

Requests per second one vCPU serves for a typical JSON API that calls a database
and a cache (not a benchmark ceiling: I/O waits, serialisation and GC included).
Override per service with `rps_per_vcpu` once you have a load-test figure.
"""

from __future__ import annotations

from stackwright.sizing import runtime_benchmarks as _bench

# Go, Spring Boot, NestJS, Node and FastAPI: estimates for an ORM-backed API, placed by the order in which the
# benchmarks below rank the frameworks (their tables were not re-read per number, so these stay estimates).
# Django, Flask, Rails, Laravel, Express, ASP.NET and Phoenix: derived from a published benchmark with the
# arithmetic in runtime_benchmarks.py (framework CPU per request measured, application work the FastAPI
# estimate's), each with its source below.
ESTIMATED_RPS_PER_VCPU = {
    "go": 400,
    "spring-boot": 150,
    "nestjs": 120,
    "node": 120,
    "fastapi": _bench.FASTAPI_RPS_PER_VCPU,
}
DERIVED_RUNTIMES = ("aspnet", "phoenix", "express", "flask", "django", "laravel", "rails")
RPS_PER_VCPU = ESTIMATED_RPS_PER_VCPU | {runtime: _bench.derived_rps_per_vcpu(runtime) for runtime in DERIVED_RUNTIMES}
TECHEMPOWER_R22_FORTUNES = "https://www.techempower.com/benchmarks/#section=data-r22&test=fortune"
OKAMI_2026 = "https://www.okami101.io/blog/web-api-benchmarks-2026"
_ESTIMATE = "estimate, not a benchmark figure; ranked by "
RPS_SOURCES = {
    "go": f"{_ESTIMATE}TechEmpower Framework Benchmarks Round 22 (2023-11-15), Fortunes, Go entries: {TECHEMPOWER_R22_FORTUNES}",
    "spring-boot": f"{_ESTIMATE}okami101, 'A 2026 benchmark of main Web API frameworks' (2025-12-30), Spring Boot 4 / "
                   f"Hibernate 6: {OKAMI_2026}",
    "nestjs": f"{_ESTIMATE}okami101, 'A 2026 benchmark of main Web API frameworks' (2025-12-30), NestJS 11 / Prisma 7: "
              f"{OKAMI_2026}",
    "node": f"{_ESTIMATE}TechEmpower Framework Benchmarks Round 22 (2023-11-15), Fortunes, nodejs entries: "
            f"{TECHEMPOWER_R22_FORTUNES}",
    "fastapi": f"{_ESTIMATE}okami101, 'A 2026 benchmark of main Web API frameworks' (2025-12-30), FastAPI / "
               f"SQLAlchemy 2.0 asyncio: {OKAMI_2026}",
} | {runtime: _bench.source(runtime) for runtime in DERIVED_RUNTIMES}
DEFAULT_RPS_PER_VCPU = _bench.FASTAPI_RPS_PER_VCPU  # unknown runtime: the FastAPI profile, the middle of the table

PEAK_TO_AVERAGE = 3.0  # busy-hour load over the monthly average when the spec gives no peak
CONCURRENT_SHARE_OF_DAU = 0.1  # users online at the peak moment, as a share of DAU
AVAILABILITY_NEEDING_TWO_AZS = 99.5  # above this, run at least two of everything across AZs

# max_connections on RDS: PostgreSQL LEAST(DBInstanceClassMemory/9531392, 5000), MySQL
# DBInstanceClassMemory/12582880 (RDS parameter-group defaults). DBInstanceClassMemory is what is left
# after the OS and RDS processes; about 80% of the class's memory is a fair reading of the values RDS shows.
DB_CLASS_MEMORY_SHARE = 0.8
MAX_CONNECTIONS_DIVISOR = {"postgresql": 9531392, "mysql": 12582880}
POSTGRES_MAX_CONNECTIONS_CAP = 5000
DB_CONNECTION_HEADROOM = 1.2  # admin, migrations and deploy overlap (old and new tasks both connected)
DB_BUFFER_SHARE = 0.75  # share of DB memory that can hold the working set
QUERIES_PER_REQUEST = 2  # SQL statements an API request runs, on average
CACHE_HIT_RATE = 0.8  # share of reads a cache in front of the DB absorbs, when the spec has one
QPS_PER_DB_VCPU = 500  # simple indexed queries one DB vCPU serves at the target utilisation
WORKING_SET_SHARE_OF_STORAGE = 0.05  # active rows and indexes; most of what a DB stores is history

# ElastiCache keeps reserved-memory-percent (25% by default) for replication and snapshots.
CACHE_USABLE_SHARE = 0.75

# Current-generation families sizing picks from, cheapest first after pricing.
DB_FAMILIES = ("db.t4g.", "db.t3.", "db.m6g.", "db.m7g.", "db.m6i.", "db.r6g.", "db.r7g.", "db.r6i.")
CACHE_FAMILIES = ("cache.t4g.", "cache.t3.", "cache.m6g.", "cache.m7g.", "cache.r6g.", "cache.r7g.")

# Burstable classes (t2/t3/t3a/t4g, and the db.t and cache.t classes built on them) earn CPU credits at a
# baseline share of each vCPU and spend them above it: a load whose steady CPU sits above the baseline
# drains the credits and is then held to the baseline (or, in unlimited mode, billed for surplus
# credits). EC2 User Guide, "Key concepts and definitions for burstable performance instances",
# baseline utilisation per vCPU: https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/burstable-credits-baseline-concepts.html
BURSTABLE_FAMILIES = ("t2", "t3", "t3a", "t4g")
BURSTABLE_BASELINE = {"nano": 0.05, "micro": 0.10, "small": 0.20, "medium": 0.20, "large": 0.30, "xlarge": 0.40,
                      "2xlarge": 0.40}
# t2's two largest sizes earn less per vCPU (54 and 81 credits an hour over 4 and 8 vCPUs)
BURSTABLE_BASELINE_T2 = {**BURSTABLE_BASELINE, "xlarge": 0.225, "2xlarge": 0.16875}
CACHE_OPS_PER_REQUEST = 2  # cache reads and writes an API request makes (sessions, hot keys)
CACHE_OPS_PER_VCPU = 25_000  # a Redis/Valkey vCPU at full use, for simple GET/SET (conservative)
READ_SHARE_OF_QUERIES = 0.8  # share of database queries that are reads a replica can serve
MAX_READ_REPLICAS = 5  # beyond this, shard or move reads to a cache first
