#!/usr/bin/env python3
"""Benchmark: the list of participants for 1,000 persons in 190 delegations, against a floor.

    .venv/bin/python bench/reports.py [--persons 1000] [--delegations 190] [--runs 3]

Builds a throw-away SQLite database (migrated by ``convene migrate``) with one
session, 190 delegations and 1,000 approved persons whose names mix Latin,
Cyrillic, Vietnamese, Arabic and Chinese. Then, each in a fresh process so
that peak memory is its own:

- convene: Convene's list of participants (data from the database, styled,
  tagged PDF/UA-1), first (cold) and then warm, as a running server would;
- floor: the same work done the simplest way: the same rows as bare HTML (a
  heading per group and per delegation, a paragraph for each person's name and
  one for their details), laid out on the same page size and margins in the
  same fonts and size, with one shared ``FontConfiguration`` and stylesheet,
  as Convene shares them; but no tagging (PDF/UA), running footers, page
  counts, script markup or other styling.

It prints the time (wall clock, and the CPU time of the warm runs), pages and
peak memory (RSS) of each, and the ratio of the warm CPU times: CPU time,
because on a shared machine the wall clock measures the neighbours too. The
goal is within 1.4 times the floor and under 600 MB; the exit status is 1
when it is missed.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import secrets
import subprocess
import sys
import tempfile
import time
from datetime import date
from functools import cache
from html import escape
from pathlib import Path

GOAL_RATIO = 1.4
FLOOR_CSS = """
@page { size: A4; margin: 18mm 18mm 20mm 18mm; }
html { font-family: "Noto Sans", "Noto Naskh Arabic", "Noto Sans CJK SC", "DejaVu Sans", sans-serif;
       font-size: 9.5pt; line-height: 1.3; }
p { margin: 0; }
"""
"""The page and the type of reports/report.css, and nothing else."""
GOAL_MEMORY_MB = 600
NAMES = [
    ("Mr.", "Gregor", "Koessler"), ("Ms.", "Anna", "Berger"), ("Mr.", "José María", "Núñez"),
    ("Ms.", "Hélène", "Lefèvre"), ("Mr.", "John", "Smith"), ("Ms.", "Amina", "Diallo"),
    ("Mr.", "Иван", "Петров"), ("Ms.", "Nguyễn Thị", "Hương"), ("Mr.", "محمد", "عبد الله"),
    ("Ms.", "小明", "王"), ("Dr.", "Kwame", "Mensah"), ("Ms.", "Ingrid", "Johansson"),
]
FUNCTIONS = ["Ambassador", "Counsellor", "First Secretary", "Adviser", "Legal Officer", "Director"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--persons", type=int, default=1000)
    parser.add_argument("--delegations", type=int, default=190)
    parser.add_argument("--runs", type=int, default=3, help="warm runs; the best is reported")
    parser.add_argument("--child", choices=["convene", "floor"], help=argparse.SUPPRESS)
    parser.add_argument("--database", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(asyncio.run(_measure(args.child, args.database, args.runs))))
        return 0
    with tempfile.TemporaryDirectory(prefix="convene-bench-") as workdir:
        database = f"sqlite:///{Path(workdir) / 'bench.sqlite3'}"
        _prepare(database, workdir, args.persons, args.delegations)
        results = {kind: _child(kind, database, workdir, args.runs) for kind in ("convene", "floor")}
    return _report(results, args)


# -- the database ----------------------------------------------------------------


def _environment(database: str, workdir: str) -> dict[str, str]:
    return os.environ | {"DATABASE_URL": database, "CONVENE_VAR_DIR": workdir, "CONVENE_ENV": "test"}


def _prepare(database: str, workdir: str, persons: int, delegations: int) -> None:
    subprocess.run([sys.executable, "-m", "convene.cli", "migrate"], env=_environment(database, workdir),
                   check=True, capture_output=True)
    asyncio.run(_fill(database, persons, delegations))


async def _fill(database: str, persons: int, delegations: int) -> None:
    """One session and its delegations, written as the registration services would leave them."""
    from convene.db import current_engine
    from convene.delegations.tables import Delegation, Registration
    from convene.entities.tables import Entity

    session_id = await _session(database)
    entities = [row["id"] for row in await Entity.select(Entity.id).order_by(Entity.id).limit(delegations)]
    assert len(entities) == delegations, f"the registry has only {len(entities)} entities"
    async with current_engine().transaction():
        rows = [Delegation(session=session_id, entity=entity) for entity in entities]
        await Delegation.insert(*rows)
        ids = [row["id"] for row in await Delegation.select(Delegation.id).where(Delegation.session == session_id)]
        people = (_registration(n, ids[n % len(ids)], session_id, is_head=n < len(ids)) for n in range(persons))
        await Registration.insert(*people)


async def _session(database: str) -> int:
    """A scheduled hybrid session of the Conference, written as rows (no service's signature to follow)."""
    from convene.db import bind_engine, create_engine
    from convene.meetings.tables import Body, Session, SessionPart
    from convene.registry import all_tables, app_registry

    bind_engine(create_engine(database), all_tables(app_registry()))
    categories = "state_party,signatory,reio,observer_state,un_entity,igo,ngo"
    body = Body(code="COSP", name="Conference of the States Parties to the United Nations Convention against "
                "Corruption", short_name="Conference", symbol_prefix="CAC/COSP", admitted_categories=categories)
    await body.save()
    session = Session(start_date=date(2019, 12, 16), end_date=date(2019, 12, 20), timezone="Asia/Dubai",
                      venue_name="Abu Dhabi National Exhibition Centre", city="Abu Dhabi", format="hybrid",
                      status="scheduled", symbol_prefix="CAC/COSP/2019", admitted_categories=categories)
    await session.save()
    await SessionPart(session=session.id, body=body.id, kind="regular", number=8).save()
    return session.id


def _registration(n: int, delegation: int, session_id: int, *, is_head: bool):  # type: ignore[no-untyped-def]
    from convene.delegations.tables import Registration

    honorific, given, family = NAMES[n % len(NAMES)]
    return Registration(
        delegation=delegation, session=session_id, honorific=honorific, given_name=given, family_name=family,
        function=FUNCTIONS[n % len(FUNCTIONS)], organization="Ministry of Foreign Affairs",
        email=f"person{n}@bench.example", mode="in_person" if n % 3 else "online_listening",
        status="approved", is_head=is_head, badge_code=secrets.token_hex(6),
    )


# -- the measurements (each in its own process) ----------------------------------


def _child(kind: str, database: str, workdir: str, runs: int) -> dict[str, float]:
    command = [sys.executable, __file__, "--child", kind, "--database", database, "--runs", str(runs)]
    done = subprocess.run(command, env=_environment(database, workdir), check=True, capture_output=True, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


async def _measure(kind: str, database: str, runs: int) -> dict[str, float]:
    from convene.db import bind_engine, create_engine
    from convene.meetings.services import get_session
    from convene.meetings.tables import Session
    from convene.registry import all_tables, app_registry
    from convene.reports.participants import build_participants
    from convene.reports.vocabulary import ListVersion

    bind_engine(create_engine(database), all_tables(app_registry()))
    started = time.perf_counter()
    session_id = (await Session.select(Session.id).first())["id"]
    report = await build_participants(await get_session(session_id, include_private=True), ListVersion.FINAL)
    data_seconds = time.perf_counter() - started
    render = _convene_render if kind == "convene" else _floor_render
    walls, cpus, pages = [], [], 0
    for _ in range(runs + 1):
        wall, cpu = time.perf_counter(), time.process_time()
        pages = render(report)
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"data": data_seconds, "cold": walls[0], "warm": min(walls[1:]), "warm_cpu": min(cpus[1:]),
            "pages": pages, "peak_mb": peak}


def _convene_render(report) -> int:  # type: ignore[no-untyped-def]
    from convene.reports.rendering import render_pdf

    return render_pdf("participants.html", report).pages


def _floor_render(report) -> int:  # type: ignore[no-untyped-def]
    """The same rows as bare HTML, on Convene's page in Convene's fonts, with one shared font configuration."""
    import weasyprint

    rows = []
    for group in report.groups:
        rows.append(f"<h2>{escape(group.heading)}</h2>")
        for delegation in group.delegations:
            rows.append(f"<h3>{escape(delegation.name)}</h3>")
            rows += [f"<p>{escape(p.honorific)} {escape(p.full_name)}</p><p>{escape(p.details)} ({p.attends})</p>"
                     for p in delegation.persons]
    fonts, stylesheet = _floor_style()
    document = weasyprint.HTML(string=f"<html><body>{''.join(rows)}</body></html>").render(
        stylesheets=[stylesheet], font_config=fonts)
    document.write_pdf()
    return len(document.pages)


@cache
def _floor_style():  # type: ignore[no-untyped-def]
    """One font configuration and one parsed stylesheet for every render, as Convene keeps them."""
    import weasyprint
    from weasyprint.text.fonts import FontConfiguration

    fonts = FontConfiguration()
    return fonts, weasyprint.CSS(string=FLOOR_CSS, font_config=fonts)


def _report(results: dict[str, dict[str, float]], args: argparse.Namespace) -> int:
    print(f"List of participants: {args.persons} persons in {args.delegations} delegations, "
          f"best of {args.runs} warm runs")
    print(f"{'':10} {'data':>8} {'cold':>8} {'warm':>8} {'warm CPU':>9} {'pages':>6} {'peak RSS':>10}")
    for kind, r in results.items():
        data = f"{r['data']:.2f}s" if kind == "convene" else "-"
        print(f"{kind:10} {data:>8} {r['cold']:7.2f}s {r['warm']:7.2f}s {r['warm_cpu']:8.2f}s "
              f"{int(r['pages']):6d} {r['peak_mb']:7.0f} MB")
    # CPU time, not wall time: on a shared machine the wall clock mostly measures the neighbours.
    ratio = results["convene"]["warm_cpu"] / results["floor"]["warm_cpu"]
    memory = results["convene"]["peak_mb"]
    met = ratio <= GOAL_RATIO and memory < GOAL_MEMORY_MB
    print(f"convene / floor (warm, CPU): {ratio:.2f}x (goal <= {GOAL_RATIO}x); "
          f"peak {memory:.0f} MB (goal < {GOAL_MEMORY_MB} MB): {'met' if met else 'NOT met'}")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
