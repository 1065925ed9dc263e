"""A bounded schemathesis run over the whole API, as the public, a focal point and the secretariat.

Each run fuzzes every operation of the OpenAPI document against a real
server (two workers) holding a small world (a session with its agenda,
sitting, officer and document, a delegation with a registration), with the
world's ids given for the path parameters so that requests reach real rows
as well as missing ones. A fixed seed and a time limit keep the six runs
(three roles, two engines) under two minutes. Every check schemathesis has
must pass: no server error, and every status code, content type and body
as the document declares.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest
from convene.accounts.roles import Role

from tests.delegations.conftest import entity_id, person
from tests.meetings.conftest import BODIES, registry, session_fields  # noqa: F401 (fixture)

SEED = 20261202
EXAMPLES = 5
SECONDS_PER_RUN = 12
ROLES = ["public", "focal_point", "secretariat"]
SPARE = "spare@delegate.example"


async def _world(
    base_url: str, secretariat: dict[str, str], focal_point: dict[str, str], fuzzer: dict[str, str]
) -> dict[str, Any]:
    """Through the API: the rows whose ids the fuzzer is given."""
    async with httpx.AsyncClient(base_url=base_url, timeout=30) as http:

        async def made(path: str, body: Any, headers: dict[str, str] = secretariat) -> Any:
            answer = await http.post(path, json=body, headers=headers)
            assert answer.status_code in (200, 201), answer.text
            return answer.json()

        name, short_name, prefix = BODIES["IRG"]
        await made("/api/bodies", {"code": "IRG", "name": name, "short_name": short_name, "symbol_prefix": prefix})
        session = await made("/api/sessions", session_fields(
            parts=[{"body": "IRG", "number": 40}], start_date="2099-08-31", end_date="2099-09-02"))
        sid = session["id"]
        item = (await made(f"/api/sessions/{sid}/agenda/items", {"title": "Organizational matters"}))["items"][0]
        document = await made(f"/api/sessions/{sid}/documents",
                              {"symbol": "CAC/COSP/IRG/2099/1", "title": "Agenda", "agenda_item_id": item["id"]})
        sitting = await made(f"/api/sessions/{sid}/sittings",
                             {"starts_at": "2099-08-31T10:00", "ends_at": "2099-08-31T13:00", "room": "M"})
        officer = await made(f"/api/sessions/{sid}/officers", {"role": "chair", "name": "Ms. Chair"})
        delegation = await made(f"/api/sessions/{sid}/delegations", {}, focal_point)
        registration = await made(f"/api/delegations/{delegation['id']}/registrations", person(), focal_point)
        # Rows the fuzzer may revoke or deactivate: never the accounts and tokens it runs as.
        spare_token = await made("/api/me/tokens", {"name": "spare"}, fuzzer)
        accounts = (await http.get("/api/accounts", params={"per_page": 200}, headers=secretariat)).json()
        spare_account = next(a["id"] for a in accounts["items"] if a["email"] == SPARE)
    return {
        "token_id": spare_token["id"], "account_id": spare_account,
        "session_id": sid, "item_id": item["id"], "document_id": document["id"], "sitting_id": sitting["id"],
        "officer_id": officer["id"], "delegation_id": delegation["id"], "registration_id": registration["id"],
        "entity_id": delegation["entity_id"], "code": "IRG",
    }


@pytest.mark.timeout(120)
@pytest.mark.parametrize("role", ROLES)
async def test_no_input_makes_the_api_fail_or_answer_what_it_does_not_declare(
    role: str, live_server: str, make_account_headers: Any, registry: None, tmp_path: Path
) -> None:
    secretariat = await make_account_headers("officer@un.example", Role.SECRETARIAT)
    focal_point = await make_account_headers("focal@austria.test", Role.FOCAL_POINT, await entity_id("Austria"))
    await make_account_headers(SPARE, Role.DELEGATE)
    headers = {"public": {}, "focal_point": focal_point, "secretariat": secretariat}[role]
    ids = await _world(live_server, secretariat, focal_point, headers or secretariat)
    config = tmp_path / "schemathesis.toml"
    config.write_text("[parameters]\n" + "".join(f"{name} = {value!r}\n" for name, value in ids.items())
                      .replace("'", '"'))
    command = [
        str(Path(sys.executable).parent / "st"), "--no-color", "--config-file", str(config), "run",
        f"{live_server}/schema/openapi.json", "--phases", "fuzzing", "--seed", str(SEED),
        "--max-examples", str(EXAMPLES), "--max-time", str(SECONDS_PER_RUN), "--checks", "all",
        "--exclude-checks", "positive_data_acceptance",
        *[option for name, value in headers.items() for option in ("-H", f"{name}: {value}")],
    ]
    run = subprocess.run(command, capture_output=True, text=True, timeout=110)
    summary = run.stdout[run.stdout.rfind("SUMMARY"):]
    print(summary)  # the counts of cases, for the run's log
    assert run.returncode == 0, run.stdout[-6000:]
