"""The `varsam` command line: ingest, consent flags, processing, status, export, redaction, demo."""

from __future__ import annotations

import json
import logging
import sys
import traceback
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from config.settings import Settings, load_settings
from pipeline.errors import InvalidRequest, VarsamError
from workers.cli.eval import eval_app

try:  # typer >= 0.20 carries its own copy of click; the usage errors are that copy's
    from typer._click import exceptions as click_errors
except ImportError:  # pragma: no cover - an older typer on the real click
    from click import exceptions as click_errors  # type: ignore[no-redef]

log = logging.getLogger("varsam")

app = typer.Typer(
    help="varsam: support-call recordings, consent, transcription and redaction.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
flag_app = typer.Typer(help="Consent flags raised by agents.", no_args_is_help=True)
app.add_typer(flag_app, name="flag")
topics_app = typer.Typer(help="Kafka topics (distributed mode).", no_args_is_help=True)
app.add_typer(topics_app, name="topics")
tokens_app = typer.Typer(help="API bearer tokens, one role each.", no_args_is_help=True)
app.add_typer(tokens_app, name="tokens")
app.add_typer(eval_app, name="eval")

_state: dict[str, Settings] = {}


class RunFailed(VarsamError):
    """`run --once` finished with events it could not carry out."""

    reason = "run_failed"


CallId = Annotated[str | None, typer.Option("--call-id", help="The call's id.")]
CustomerId = Annotated[str | None, typer.Option("--customer-id", help="The customer's id.")]


class Layout(StrEnum):
    mono = "mono"
    stereo = "stereo"


class RedactFormat(StrEnum):
    jsonl = "jsonl"


class Backend(StrEnum):
    embedded = "embedded"
    kafka = "kafka"


class StageName(StrEnum):
    ingest = "ingest"
    transcribe = "transcribe"
    redact = "redact"
    purge = "purge"


@app.callback()
def _root(
    data_dir: Annotated[
        Path | None,
        typer.Option("--data-dir", envvar="VARSAM_DATA_DIR", help="Embedded mode's data folder."),
    ] = None,
    backend: Annotated[
        Backend | None,
        typer.Option("--backend", envvar="VARSAM_BACKEND", help="embedded, or kafka (+ S3)."),
    ] = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log each step.")] = False,
) -> None:
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(asctime)s %(process)d %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    # kafka-python narrates every connection at INFO and logs each refused connection as an
    # ERROR; varsam says in one line what failed, so its chatter shows only with --verbose.
    logging.getLogger("kafka").setLevel(logging.WARNING if verbose else logging.CRITICAL)
    _state["settings"] = load_settings(
        data_dir=data_dir, backend=backend.value if backend else None
    )


def _service():
    """The backend the settings name: embedded (folder + SQLite) or Kafka + S3."""
    settings = _state["settings"]
    if settings.backend == "kafka":
        from workers.runners.distributed import Distributed

        return Distributed(settings)
    from workers.runners.embedded import Embedded

    return Embedded(settings)


@app.command()
def ingest(
    path: Annotated[Path, typer.Argument(help="wav, flac, mp3, ogg/opus or m4a recording.")],
    call_id: Annotated[str, typer.Option("--call-id", help="The call's id.")],
    customer_id: CustomerId = None,
    agent_id: Annotated[str | None, typer.Option("--agent-id", help="The agent's id.")] = None,
    language: Annotated[
        str | None, typer.Option("--language", help="Force a language (en, sv ...).")
    ] = None,
    layout: Annotated[
        Layout, typer.Option("--layout", help="stereo: agent left, customer right.")
    ] = Layout.mono,
) -> None:
    """Land a recording and queue it for processing."""
    event = _service().ingest(
        path,
        call_id=call_id,
        customer_id=customer_id,
        agent_id=agent_id,
        language=language,
        layout=layout.value,
    )
    if event is None:
        typer.echo(f"not recorded: consent forbids keeping {call_id} (see `varsam status`)")
    else:
        typer.echo(f"queued {event.call_id}")


@flag_app.command("do-not-record")
def do_not_record(
    call_id: Annotated[str, typer.Option("--call-id", help="The call's id.")],
    by: Annotated[str | None, typer.Option("--by", help="The agent raising the flag.")] = None,
    wait: Annotated[
        float,
        typer.Option("--wait", help="Seconds to wait for the purge workers (distributed mode)."),
    ] = 0.0,
) -> None:
    """Never keep, transcribe or export this call; purge anything stored."""
    _flag("do_not_record", call_id=call_id, by=by, wait=wait)


@app.command()
def delete(
    call_id: CallId = None,
    customer_id: CustomerId = None,
    status: Annotated[
        str | None, typer.Option("--status", help="Show the receipt of a request.")
    ] = None,
    wait: Annotated[
        float,
        typer.Option("--wait", help="Seconds to wait for the purge workers (distributed mode)."),
    ] = 0.0,
) -> None:
    """Delete a call's (or a customer's) recordings; prints the request id on its last line."""
    if status is not None:
        if call_id or customer_id:
            raise InvalidRequest("--status takes no --call-id or --customer-id")
        receipt = _service().receipt(status)
        typer.echo(receipt.state)
        typer.echo(json.dumps(receipt.to_json(), indent=2, sort_keys=True))
        return
    _flag("delete_recording", call_id=call_id, customer_id=customer_id, wait=wait)


@app.command()
def restrict(call_id: CallId = None, customer_id: CustomerId = None) -> None:
    """Keep a call (or every call of a customer) out of training exports."""
    _flag("restrict_training", call_id=call_id, customer_id=customer_id)


@app.command()
def hold(
    reason: Annotated[str, typer.Option("--reason", help="Why the data must be kept.")],
    call_id: CallId = None,
    customer_id: CustomerId = None,
) -> None:
    """Place a legal hold: deletions wait, with this reason, until it is released."""
    _flag("legal_hold", call_id=call_id, customer_id=customer_id, reason=reason)


@app.command()
def release(call_id: CallId = None, customer_id: CustomerId = None) -> None:
    """Release a legal hold; deletions that waited for it run now."""
    _flag("release_hold", call_id=call_id, customer_id=customer_id)


def _flag(kind: str, wait: float = 0.0, **subject: str | None) -> None:
    service = _service()
    flag = service.flag(kind, **subject)
    receipt = service.wait_receipt(flag.request_id, wait)
    if receipt is not None:
        deleted = sum(receipt.deleted.values())
        typer.echo(f"{kind.replace('_', '-')} accepted: {receipt.state}, {deleted} objects deleted")
        if receipt.held_reason:
            typer.echo(f"held: {receipt.held_reason}")
    else:
        typer.echo(f"{kind.replace('_', '-')} accepted")
    typer.echo(flag.request_id)


@app.command()
def run(
    once: Annotated[bool, typer.Option("--once", help="Exit when the queue is idle.")] = False,
    poll: Annotated[float, typer.Option("--poll", help="Seconds between polls.")] = 1.0,
) -> None:
    """Process everything pending; with --once, until idle, then exit (embedded mode)."""
    import time

    if _state["settings"].backend != "embedded":
        raise InvalidRequest("`run` is the embedded mode's runner; use `varsam worker STAGE`")
    from workers.cli.progress import WorkProgress

    embedded = _service()
    while True:
        with WorkProgress("transcribing", embedded.calls_to_transcribe()) as progress:
            report = embedded.run(on_transcribed=progress.advance)
        if report.handled or report.failed:
            typer.echo(
                f"handled {report.handled} events, dead-lettered {report.dead_lettered},"
                f" failed and left for a retry {report.retried}"
            )
        if once:
            if report.failed:
                raise RunFailed(
                    f"{report.failed} events failed ({report.dead_lettered} dead-lettered) for "
                    + ", ".join(report.failed_calls)
                    + "; `varsam status --call-id ID` says why"
                )
            return
        time.sleep(poll)


@app.command()
def status(call_id: Annotated[str, typer.Option("--call-id", help="The call's id.")]) -> None:
    """A call's state, artifacts and flags (no personal data)."""
    typer.echo(json.dumps(_service().status(call_id), indent=2, sort_keys=True))


@app.command()
def export(
    out: Annotated[
        Path | None, typer.Option("--out", help="Where to write the JSON lines.")
    ] = None,
    since: Annotated[
        str | None,
        typer.Option("--since", help="Calls redacted (or revoked) at or after (ISO 8601)."),
    ] = None,
    revocations: Annotated[
        bool,
        typer.Option("--revocations", help="The drop list: exported calls revoked since then."),
    ] = False,
) -> None:
    """Write redacted transcripts of every exportable call, one JSON line per call."""
    since_at = _iso_time(since, "--since") if since is not None else None
    service = _service()
    if revocations:
        lines = [json.dumps(r.to_json(), sort_keys=True) for r in service.revocations(since_at)]
        text = "".join(line + "\n" for line in lines)
        if out is None:
            typer.echo(text, nl=False)
        else:
            from workers.adapters.output_file import replacing

            with replacing(out) as fh:
                fh.write(text)
            typer.echo(f"{len(lines)} revocations written to {out}")
        return
    if out is None:
        raise InvalidRequest("--out is required (or use --revocations)")
    rows = service.export(out, since_at)
    typer.echo(f"exported {rows} calls to {out}")


@app.command()
def report(
    customer_id: Annotated[str, typer.Option("--customer-id", help="The customer's id.")],
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable JSON.")] = False,
) -> None:
    """What varsam holds about a customer: calls, artifacts, flags, holds, retention, exports."""
    from pipeline.access_report import report_table

    result = _service().report(customer_id)
    typer.echo(json.dumps(result, indent=2, sort_keys=True) if as_json else report_table(result))


def _iso_time(value: str, option: str) -> datetime:
    try:
        at = datetime.fromisoformat(value)
    except ValueError:
        raise InvalidRequest(f"{option} must be an ISO 8601 time") from None
    return at if at.tzinfo is not None else at.replace(tzinfo=UTC)


@app.command("redact")
def redact_cmd(
    format: Annotated[RedactFormat, typer.Option("--format", help="Line protocol.")] = (
        RedactFormat.jsonl
    ),
) -> None:
    """Redact text lines: {"id", "text"} in on stdin, {"id", "redacted_text", "entities"} out."""
    from workers.cli.redact_lines import redact_stream

    failures = redact_stream(sys.stdin.buffer, sys.stdout.buffer, _state["settings"])
    if failures:
        raise typer.Exit(1)


@topics_app.command("create")
def topics_create() -> None:
    """Create every topic (consent compacted) with the configured partitions."""
    from workers.adapters.kafka_bus import create_topics

    created = create_topics(_state["settings"].kafka)
    typer.echo(f"created {len(created)} topics" + (": " + ", ".join(created) if created else ""))


@app.command()
def worker(
    stage: Annotated[StageName, typer.Argument(help="ingest, transcribe, redact or purge.")],
    concurrency: Annotated[
        int,
        typer.Option(
            "--concurrency",
            min=1,
            help="Group members: threads sharing one model for transcribe, else processes.",
        ),
    ] = 1,
    idle_exit: Annotated[
        float | None, typer.Option("--idle-exit", help="Exit after this many idle seconds.")
    ] = None,
) -> None:
    """Run one stage as a Kafka consumer-group member (distributed mode)."""
    from workers.runners.worker_main import run_worker

    if _state["settings"].backend != "kafka":
        raise InvalidRequest("`worker` runs in distributed mode (VARSAM_BACKEND=kafka); use `run`")

    run_worker(_state["settings"], stage.value, concurrency=concurrency, idle_exit_s=idle_exit)


class Role(StrEnum):
    recorder = "recorder"
    agent = "agent"
    operator = "operator"
    privacy = "privacy"
    trainer = "trainer"


@app.command()
def serve(
    host: Annotated[str | None, typer.Option("--host", help="Address to listen on.")] = None,
    port: Annotated[int | None, typer.Option("--port", help="Port to listen on.")] = None,
    no_pipeline: Annotated[
        bool, typer.Option("--no-pipeline", help="Embedded mode: leave processing to `run`.")
    ] = False,
) -> None:
    """The HTTP API (/v1, OpenAPI at /docs) and the web console (/); in embedded mode it also
    runs the pipeline's stages."""
    import uvicorn

    from workers.api.app import create_app

    settings = _state["settings"]
    app_ = create_app(settings, run_pipeline=False if no_pipeline else None)
    uvicorn.run(
        app_,
        host=host or settings.api.host,
        port=settings.api.port if port is None else port,
        log_level="warning",
        access_log=False,  # paths carry call and customer ids
        server_header=False,
    )


@tokens_app.command("create")
def tokens_create(
    role: Annotated[Role, typer.Option("--role", help="What the token may do.")],
    name: Annotated[str, typer.Option("--name", help="Who holds it (shown in the audit trail).")],
) -> None:
    """Make a token; it is printed once, on the last line, and only its hash is kept."""
    from workers.api.app import token_store

    token = token_store(_state["settings"]).create(role.value, name)
    typer.echo(f"token for {name} ({role.value}); store it now, it is not shown again:")
    typer.echo(token)


@tokens_app.command("list")
def tokens_list() -> None:
    """Every token's name, role, creation and revocation time (never the token)."""
    from workers.api.app import token_store

    for t in token_store(_state["settings"]).list():
        revoked = f"revoked {t.revoked_at}" if t.revoked_at else "live"
        typer.echo(f"{t.name}\t{t.role}\tcreated {t.created_at}\t{revoked}")


@tokens_app.command("revoke")
def tokens_revoke(name: Annotated[str, typer.Argument(help="The token's name.")]) -> None:
    """Revoke a token; a running server refuses it from its next request."""
    from workers.api.app import token_store

    token_store(_state["settings"]).revoke(name)
    typer.echo(f"revoked {name}")


@app.command()
def demo(
    samples: Annotated[
        Path | None, typer.Option("--samples", help="Folder with manifest.json and the calls.")
    ] = None,
) -> None:
    """Process the bundled sample calls end to end and print what happened to each."""
    from workers.cli.demo import run_demo

    if not run_demo(_state["settings"], samples):
        raise typer.Exit(1)


# Errors from the client libraries of the distributed mode, by the module that raises them.
_BACKENDS = {
    "kafka": "the Kafka broker",
    "botocore": "the object store",
    "boto3": "the object store",
}


def main() -> None:
    """Console entry point: one-line errors and a non-zero exit, never a traceback."""
    try:
        code = app(standalone_mode=False)
    except click_errors.NoArgsIsHelpError:
        sys.exit(2)  # the help was shown
    except click_errors.ClickException as exc:
        # Usage errors (a missing option, a value of the wrong type) on one line too.
        typer.echo(f"error: {' '.join(exc.format_message().split())}", err=True)
        sys.exit(exc.exit_code)
    except VarsamError as exc:
        typer.echo(f"error: {exc}", err=True)
        sys.exit(1)
    except OSError as exc:
        # A path the user gave that cannot be read or written: the file name and the cause.
        where = f": {exc.filename}" if exc.filename else ""
        typer.echo(f"error: {exc.strerror or type(exc).__name__}{where}", err=True)
        sys.exit(1)
    except (KeyboardInterrupt, typer.Abort):
        sys.exit(130)
    except Exception as exc:
        # Its message may quote data (a transcript, an id): name the kind of failure only.
        # With --verbose, where it failed: the stack's frames, never the exception's message.
        log.debug("unexpected error at:\n%s", "".join(traceback.format_tb(exc.__traceback__)))
        origin = _BACKENDS.get(type(exc).__module__.split(".")[0])
        if origin:
            typer.echo(
                f"error: {origin} is unreachable or refused ({type(exc).__name__})", err=True
            )
        else:
            typer.echo(f"error: unexpected {type(exc).__name__}; nothing more is shown", err=True)
        sys.exit(1)
    sys.exit(code if isinstance(code, int) else 0)


if __name__ == "__main__":
    main()
