"""The web console at /: one server-rendered page per role, signed in with a token cookie."""

from __future__ import annotations

import hashlib
import hmac
import json
import re
from pathlib import Path

from fastapi import FastAPI, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response, StreamingResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from pipeline.errors import VarsamError
from workers.api.problems import Problem, status_of
from workers.api.routes import parse_time, service_of
from workers.api.tokens import Token

HERE = Path(__file__).parent
COOKIE = "varsam_token"
_REQUEST_ID = re.compile(r"req-[0-9a-f]{32}")
PAGES = {"agent": "/agent", "privacy": "/privacy", "trainer": "/trainer"}
templates = Jinja2Templates(directory=HERE / "templates")


def _csrf(token: str) -> str:
    # Forms carry a value only a page rendered for this cookie knows (besides SameSite=Strict).
    return hmac.new(token.encode(), b"varsam-console-form", hashlib.sha256).hexdigest()[:32]


class SignIn(Exception):
    """No valid console cookie: show the sign-in form."""


def _caller(request: Request, role: str) -> tuple[Token, str]:
    raw = request.cookies.get(COOKIE, "")
    token = request.app.state.tokens.verify(raw) if raw else None
    if token is None:
        raise SignIn
    if token.role != role:
        raise Problem(403, "wrong_role", f"this page is for the {role} role")
    request.state.caller = token
    return token, raw


def _check_form(raw: str, csrf: str) -> None:
    if not hmac.compare_digest(_csrf(raw), csrf):
        raise Problem(403, "bad_form", "the form is stale: reload the page")


def _page(request: Request, name: str, raw: str, **context) -> HTMLResponse:
    return templates.TemplateResponse(
        request, f"{name}.html", {"csrf": _csrf(raw), "page": name, **context}
    )


def _try(action):
    """Run a service call; a varsam error becomes a message for the page, not a crash."""
    try:
        return action(), None
    except VarsamError as exc:
        return None, str(exc) if status_of(exc) < 500 else "the service is unavailable"


def install(app: FastAPI) -> None:
    """Mount the console's pages and static files on the app."""
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    @app.exception_handler(SignIn)
    async def _sign_in(request: Request, _: SignIn) -> HTMLResponse:
        return templates.TemplateResponse(
            request, "index.html", {"page": "index", "next": request.url.path}, status_code=401
        )

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def index(request: Request) -> Response:
        return templates.TemplateResponse(request, "index.html", {"page": "index", "next": ""})

    @app.post("/login", include_in_schema=False)
    def login(request: Request, token: str = Form(max_length=200), next: str = Form("")):
        found = request.app.state.tokens.verify(token.strip())
        if found is None:
            return templates.TemplateResponse(
                request,
                "index.html",
                {"page": "index", "next": "", "error": "That token is unknown or revoked."},
                status_code=401,
            )
        target = PAGES.get(found.role)
        if target is None:
            return templates.TemplateResponse(
                request,
                "index.html",
                {"page": "index", "next": "", "error": f"The {found.role} role has no page."},
                status_code=403,
            )
        response = RedirectResponse(target, status_code=303)
        response.set_cookie(
            COOKIE,
            token.strip(),
            httponly=True,
            samesite="strict",
            secure=request.app.state.settings.api.secure_cookies,
            max_age=12 * 3600,
        )
        return response

    @app.post("/logout", include_in_schema=False)
    def logout() -> Response:
        response = RedirectResponse("/", status_code=303)
        response.delete_cookie(COOKIE)
        return response

    # -- agent ---------------------------------------------------------------------------------

    @app.get("/agent", response_class=HTMLResponse, include_in_schema=False)
    def agent_page(request: Request, request_id: str | None = None):
        _, raw = _caller(request, "agent")
        flag = _flag_view(request, request_id) if request_id else None
        return _page(request, "agent", raw, flag=flag)

    @app.get("/agent/status", response_class=HTMLResponse, include_in_schema=False)
    def agent_status(request: Request, request_id: str):
        _caller(request, "agent")
        return templates.TemplateResponse(
            request, "_flag_status.html", {"flag": _flag_view(request, request_id)}
        )

    @app.post("/agent/flag", include_in_schema=False)
    def agent_flag(request: Request, call_id: str = Form(max_length=200), csrf: str = Form("")):
        token, raw = _caller(request, "agent")
        _check_form(raw, csrf)
        with service_of(request) as service:
            result, error = _try(lambda: service.do_not_record(call_id.strip(), by=token.name))
        if error:
            response = _page(request, "agent", raw, flag=None, error=error)
            response.status_code = 400
            return response
        request.app.state.wake()
        flag, new = result
        return RedirectResponse(
            f"/agent?request_id={flag.request_id}{'' if new else '&repeat=1'}", status_code=303
        )

    # -- privacy -------------------------------------------------------------------------------

    @app.get("/privacy", response_class=HTMLResponse, include_in_schema=False)
    def privacy_page(request: Request, customer_id: str | None = None, done: str | None = None):
        _, raw = _caller(request, "privacy")
        if done is not None and not _REQUEST_ID.fullmatch(done):
            done = None
        return _privacy_view(request, raw, customer_id=customer_id, done=done)

    @app.post("/privacy/{action}", include_in_schema=False)
    def privacy_action(
        request: Request,
        action: str,
        subject: str = Form(max_length=200),
        scope: str = Form("call"),
        reason: str = Form("", max_length=200),
        csrf: str = Form(""),
    ):
        token, raw = _caller(request, "privacy")
        _check_form(raw, csrf)
        kinds = {
            "deletion": "delete_recording",
            "hold": "legal_hold",
            "release": "release_hold",
            "restriction": "restrict_training",
        }
        if action not in kinds or scope not in ("call", "customer"):
            raise Problem(404, "not_found", "no such action")
        if action == "hold" and not reason.strip():
            return _privacy_view(request, raw, error="A hold needs a reason.", status=400)
        ids = {"call_id" if scope == "call" else "customer_id": subject.strip()}
        with service_of(request) as service:
            flag, error = _try(
                lambda: service.flag(
                    kinds[action], by=token.name, reason=reason.strip() or None, **ids
                )
            )
        if error:
            return _privacy_view(request, raw, error=error, status=400)
        request.app.state.wake()
        return RedirectResponse(f"/privacy?done={flag.request_id}", status_code=303)

    # -- trainer -------------------------------------------------------------------------------

    @app.get("/trainer", response_class=HTMLResponse, include_in_schema=False)
    def trainer_page(request: Request, since: str | None = None):
        _, raw = _caller(request, "trainer")
        error, feed, cursor = None, [], None
        try:
            after = parse_time(since)
        except Problem as exc:
            after, error = None, exc.detail
        with service_of(request) as service:
            until = service.cursor_horizon()
            revoked, list_error = _try(lambda: service.revocations(after))
        feed = [r.to_json() for r in revoked or [] if r.revoked_at <= until]
        cursor = max(until, after) if after else until
        return _page(
            request,
            "trainer",
            raw,
            since=since or "",
            feed=feed,
            cursor=cursor.isoformat(),
            error=error or list_error,
        )

    @app.get("/trainer/export", include_in_schema=False)
    def trainer_export(request: Request, since: str | None = None):
        _caller(request, "trainer")
        after = parse_time(since)
        with service_of(request) as service:
            until = service.cursor_horizon()
            rows, export_id = service.export_batch(after, until)
        cursor = (max(until, after) if after else until).isoformat()
        body = "".join(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in rows)
        stamp = cursor[:19].replace(":", "").replace("-", "")
        return StreamingResponse(
            iter([body.encode()]),
            media_type="application/x-ndjson",
            headers={
                "Varsam-Cursor": cursor,
                "Varsam-Rows": str(len(rows)),
                "Varsam-Export-Id": export_id,
                "Content-Disposition": f'attachment; filename="varsam-export-{stamp}.ndjson"',
            },
        )


def _privacy_view(
    request: Request,
    raw: str,
    *,
    customer_id: str | None = None,
    done: str | None = None,
    error: str | None = None,
    status: int = 200,
) -> HTMLResponse:
    with service_of(request) as service:
        requests, list_error = _try(lambda: service.requests(50))
        report = None
        if customer_id:
            report, report_error = _try(lambda: service.report(customer_id.strip()))
            error = error or report_error
    response = _page(
        request,
        "privacy",
        raw,
        requests=requests or [],
        report=report,
        customer_id=customer_id or "",
        done=done,
        error=error or list_error,
    )
    response.status_code = status
    return response


def _flag_view(request: Request, request_id: str) -> dict | None:
    with service_of(request) as service:
        receipt, error = _try(lambda: service.find_receipt(request_id))
    if receipt is None:
        return {"error": error or "No such request."}
    return {
        "request_id": receipt.request_id,
        "accepted_at": receipt.accepted_at,
        "state": receipt.state,
        "completed_at": receipt.completed_at,
        "deleted": sum(receipt.deleted.values()),
        "held_reason": receipt.held_reason,
        "call_id": receipt.subject.removeprefix("call:"),
        "repeat": request.query_params.get("repeat") == "1",
        "final": receipt.state != "pending",
    }
