"""The console in a real browser (Debian's Chromium driven by Playwright): one test per page,
each saving screenshots (laptop and phone) under test-artifacts/<test name>/."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest

from tests.api_helpers import bearer
from tests.api_server import poll
from tests.conftest import ROOT, SAMPLES

pytestmark = pytest.mark.e2e

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """Headless Chromium; a missing browser fails the run (scripts/install_test_tools.sh)."""
    from playwright.sync_api import sync_playwright

    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} is missing: run `sudo scripts/install_test_tools.sh` "
            "(apt-get install chromium) before the browser tests"
        )
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def artifacts(request) -> Path:
    """This test's artifact folder, emptied first."""
    folder = ROOT / "test-artifacts" / request.node.name
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    return folder


def _signed_in(browser, served, role: str, **context):
    page = browser.new_context(accept_downloads=True, **context).new_page()
    page.goto(f"{served.url}/")
    page.fill("#token", served.tokens[role])
    page.click("button[type=submit]")
    page.wait_for_url(f"{served.url}/{role}")
    return page


def _check_phone_layout(browser, served, role: str, path: str, shot: Path) -> None:
    """The same page on a phone-sized screen: nothing wider than the screen, controls visible."""
    page = _signed_in(browser, served, role, viewport=PHONE, is_mobile=True, has_touch=True)
    page.goto(f"{served.url}{path}")
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{path} is {overflow}px wider than a phone screen"
    hidden = page.evaluate(
        "Math.max(0, ...Array.from(document.querySelectorAll('.table-wrap'),"
        " e => e.scrollWidth - e.clientWidth))"
    )
    assert hidden <= 0, f"a table on {path} hides {hidden}px sideways on a phone"
    assert page.locator("main button[type=submit]").first.is_visible()
    page.screenshot(path=str(shot), full_page=True)
    page.context.close()


def test_agent_page_flags_a_call_and_confirms_when_it_is_done(browser, served, artifacts):
    page = _signed_in(browser, served, "agent")
    assert "never transcribed" in page.inner_text("main form")
    page.fill("#call_id", "web-dnr-1")
    page.click("main form button")
    page.wait_for_url("**/agent?request_id=*")
    status = page.locator("#flag-status")
    assert "Accepted at" in status.inner_text()
    page.wait_for_selector("#flag-status [data-state=completed]", timeout=30_000)
    assert "nothing was stored" in status.inner_text()
    assert "Done at" in status.inner_text()
    page.screenshot(path=str(artifacts / "agent.png"), full_page=True)
    call = httpx.get(f"{served.url}/v1/calls/web-dnr-1", headers=bearer(served.tokens["agent"]))
    assert call.status_code == 200 and call.json()["state"] == "not_recorded"
    page.fill("#call_id", "a..b")
    page.click("main form button")
    assert "invalid call id" in page.inner_text("[role=alert]")
    _check_phone_layout(browser, served, "agent", "/agent", artifacts / "agent-phone.png")


def _upload_ingested(served, call_id: str, customer_id: str) -> None:
    with open(SAMPLES / "en-dnr.mp3", "rb") as fh:
        uploaded = httpx.post(
            f"{served.url}/v1/calls",
            headers=bearer(served.tokens["recorder"]),
            files={"file": ("call.mp3", fh)},
            data={"call_id": call_id, "customer_id": customer_id, "language": "en"},
        )
    assert uploaded.status_code == 202, uploaded.text
    operator = bearer(served.tokens["operator"])
    poll(
        "the call to be ingested",
        lambda: (
            httpx.get(f"{served.url}/v1/calls/{call_id}", headers=operator).json()["state"]
            != "received"
        ),
        60,
    )


def test_privacy_page_deletes_holds_and_shows_receipts_and_the_report(browser, served, artifacts):
    _upload_ingested(served, "web-del-1", "cust-web")
    _upload_ingested(served, "web-held-1", "cust-webhold")
    page = _signed_in(browser, served, "privacy")
    page.select_option("#hold-scope", "customer")
    page.fill("#hold-subject", "cust-webhold")
    page.fill("#hold-reason", "bookkeeping act")
    page.click("#hold-form button")
    page.select_option("#deletion-scope", "customer")
    page.fill("#deletion-subject", "cust-webhold")
    page.click("#deletion-form button")
    held_id = page.inner_text("[role=status] code")
    held_row = page.locator(f"tr[data-request='{held_id}']")
    held_row.locator(".badge.state-held").wait_for(timeout=30_000)
    assert "held: bookkeeping act" in held_row.inner_text()

    page.fill("#deletion-subject", "web-del-1")
    page.click("#deletion-form button")
    request_id = page.inner_text("[role=status] code")
    row = page.locator(f"tr[data-request='{request_id}']")
    row.locator(".badge.state-completed").wait_for(timeout=30_000)
    assert "objects" in row.inner_text() and "original audio" in row.inner_text()
    receipt = httpx.get(
        f"{served.url}/v1/deletions/{request_id}", headers=bearer(served.tokens["privacy"])
    ).json()
    assert receipt["state"] == "completed" and receipt["deleted"]["original_audio"] == 1

    page.fill("#report-customer", "cust-webhold")
    page.click("#report-form button")
    report = page.locator("#report").inner_text()
    assert "web-held-1" in report and "held: bookkeeping act" in report
    page.screenshot(path=str(artifacts / "privacy.png"), full_page=True)
    _check_phone_layout(browser, served, "privacy", "/privacy", artifacts / "privacy-phone.png")


def test_trainer_page_downloads_the_export_with_its_cursor_and_lists_revocations(
    browser, served, artifacts
):
    started = datetime.now(UTC).isoformat()
    with open(SAMPLES / "en-dnr.mp3", "rb") as fh:
        uploaded = httpx.post(
            f"{served.url}/v1/calls",
            headers=bearer(served.tokens["recorder"]),
            files={"file": ("call.mp3", fh)},
            data={"call_id": "web-train-1", "language": "en"},
        )
    assert uploaded.status_code == 202, uploaded.text
    trainer = bearer(served.tokens["trainer"])

    def exportable() -> bool:
        status = httpx.get(
            f"{served.url}/v1/calls/web-train-1", headers=bearer(served.tokens["operator"])
        )
        return status.json()["state"] == "redacted"

    poll("the call to be redacted", exportable, 240)
    page = _signed_in(browser, served, "trainer")
    page.fill("#since", started)

    def download() -> list[dict]:
        with page.expect_download() as info:
            page.click("#export-form button")
        path = info.value.path()
        return [json.loads(line) for line in Path(path).read_text().splitlines()]

    # The cursor trails the newest writes by a moment: pull until the row is there.
    rows = poll(
        "the row in a download",
        lambda: [r for r in download() if r["call_id"] == "web-train-1"],
        30,
        1,
    )
    assert rows[0]["text"]
    cursor = page.locator("#export-result").get_attribute("data-cursor")
    assert cursor and page.input_value("#since") == cursor
    assert "Next cursor" in page.inner_text("#export-result")
    page.screenshot(path=str(artifacts / "trainer-export.png"), full_page=True)
    again = download()
    assert "web-train-1" not in {r["call_id"] for r in again}

    restricted = httpx.post(
        f"{served.url}/v1/restrictions",
        headers=bearer(served.tokens["privacy"]),
        json={"call_id": "web-train-1"},
    )
    assert restricted.status_code == 202

    def listed() -> bool:
        page.goto(f"{served.url}/trainer?since={started.replace('+', '%2B')}")
        return "web-train-1" in page.inner_text("#revocations")

    poll("the revocation on the page", listed, 30, 1)
    assert "restricted" in page.inner_text("#revocations")
    assert "web-train-1" not in {r["call_id"] for r in download()}
    assert httpx.get(f"{served.url}/v1/export", headers=trainer).status_code == 200
    page.screenshot(path=str(artifacts / "trainer.png"), full_page=True)
    _check_phone_layout(browser, served, "trainer", "/trainer", artifacts / "trainer-phone.png")
