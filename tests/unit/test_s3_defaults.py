"""S3 defaults: encrypted objects, a private bucket, and a secret key no repr or log shows."""

from __future__ import annotations

import logging

import boto3
import pytest
from botocore.stub import Stubber

from config.settings import InvalidConfig, Settings, load_settings
from workers.adapters.s3_store import PUBLIC_ACCESS_BLOCK, S3ObjectStore

SECRET = "wJalrXUtnFEMI-K7MDENG-bPxRfiCYEXAMPLEKEY"


def test_the_s3_secret_key_never_shows_in_a_repr(monkeypatch):
    monkeypatch.setenv("VARSAM_S3__SECRET_ACCESS_KEY", SECRET)
    settings = load_settings()
    for shown in (repr(settings.s3), str(settings.s3), repr(settings), settings.model_dump_json()):
        assert SECRET not in shown
    assert settings.s3.secret_access_key.get_secret_value() == SECRET


def test_s3_defaults_encrypt_every_object_and_block_public_access():
    s3 = Settings().s3
    assert s3.sse == "AES256"
    assert s3.block_public_access is True
    assert 1 <= s3.max_refused_attempts <= 10


def test_encryption_is_off_only_when_asked_for_and_unknown_modes_are_refused(monkeypatch):
    monkeypatch.setenv("VARSAM_S3__SSE", "none")
    assert load_settings().s3.sse == "none"
    monkeypatch.setenv("VARSAM_S3__SSE", "rot13")
    with pytest.raises(InvalidConfig):
        load_settings()


def stubbed_store(**options: object) -> tuple[S3ObjectStore, Stubber]:
    """A store whose boto3 client answers from a script (botocore's own Stubber), not a server."""
    store = S3ObjectStore(bucket="fresh", access_key="a", secret_key="b", **options)
    store._client = boto3.session.Session().client(
        "s3", region_name="us-east-1", aws_access_key_id="a", aws_secret_access_key="b"
    )
    return store, Stubber(store._client)


def test_a_bucket_varsam_creates_gets_a_public_access_block_where_the_store_has_one():
    store, stub = stubbed_store()
    stub.add_client_error("head_bucket", "404", http_status_code=404)
    stub.add_response("create_bucket", {}, {"Bucket": "fresh"})
    stub.add_response(
        "put_public_access_block",
        {},
        {"Bucket": "fresh", "PublicAccessBlockConfiguration": PUBLIC_ACCESS_BLOCK},
    )
    with stub:
        assert store.ensure_bucket() is True
    stub.assert_no_pending_responses()
    assert all(PUBLIC_ACCESS_BLOCK.values())


def test_a_store_without_public_access_blocks_is_used_with_a_note(caplog):
    store, stub = stubbed_store()
    stub.add_client_error("head_bucket", "404", http_status_code=404)
    stub.add_response("create_bucket", {}, {"Bucket": "fresh"})
    stub.add_client_error("put_public_access_block", "NotImplemented", http_status_code=501)
    with stub, caplog.at_level(logging.WARNING, logger="varsam.s3"):
        assert store.ensure_bucket() is True
    assert "no public-access block" in caplog.text
