"""The distributed mode's object store: an S3 bucket (AWS S3, SeaweedFS, MinIO) through boto3."""

from __future__ import annotations

import builtins
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import boto3
from boto3.s3.transfer import TransferConfig, create_transfer_manager
from botocore.config import Config
from botocore.exceptions import (
    ClientError,
    HTTPClientError,
    IncompleteReadError,
    NoCredentialsError,
    PartialCredentialsError,
)
from botocore.exceptions import ConnectionError as BotoConnectionError
from s3transfer.exceptions import RetriesExceededError

from pipeline.storage import ObjectNotFound, StoreUnavailable

log = logging.getLogger("varsam.s3")

SSE_MODES = ("AES256", "aws:kms")
# Every public-access switch on: no ACL or bucket policy can make an object public.
PUBLIC_ACCESS_BLOCK = {
    "BlockPublicAcls": True,
    "IgnorePublicAcls": True,
    "BlockPublicPolicy": True,
    "RestrictPublicBuckets": True,
}
# How a store without the public-access-block API answers (SeaweedFS: NotImplemented, 501).
_UNSUPPORTED = {"NotImplemented", "MethodNotAllowed", "501", "405"}

_NOT_FOUND = {"NoSuchKey", "NotFound", "404"}
_NO_BUCKET = {"NoSuchBucket"}
_ACCESS_DENIED = {
    "AccessDenied",
    "InvalidAccessKeyId",
    "SignatureDoesNotMatch",
    "ExpiredToken",
    "InvalidToken",
    "403",
}
_UNREACHABLE = (
    BotoConnectionError,
    HTTPClientError,
    IncompleteReadError,
    RetriesExceededError,
)


class S3ObjectStore:
    """An ObjectStore over one S3 bucket; every put is atomic (single or multipart upload)."""

    def __init__(
        self,
        *,
        bucket: str,
        endpoint_url: str | None = None,
        region: str = "us-east-1",
        access_key: str | None = None,
        secret_key: str | None = None,
        sse: str | None = None,
        block_public_access: bool = True,
        max_attempts: int = 5,
        connect_timeout_s: float = 5.0,
        read_timeout_s: float = 60.0,
        max_pool_connections: int = 32,
    ) -> None:
        if sse not in (None, *SSE_MODES):
            raise ValueError(f"sse must be one of {SSE_MODES} or None")
        self.bucket = bucket
        self.endpoint_url = endpoint_url
        self.region = region
        self.sse = sse
        self.block_public_access = block_public_access
        config = Config(
            region_name=region,
            retries={"mode": "standard", "max_attempts": max_attempts},
            connect_timeout=connect_timeout_s,
            read_timeout=read_timeout_s,
            max_pool_connections=max_pool_connections,
            # A self-hosted endpoint has no per-bucket DNS names.
            s3={"addressing_style": "path" if endpoint_url else "auto"},
        )
        # No keys given: boto3's default chain (environment, profile, instance role).
        self._client = boto3.session.Session().client(
            "s3",
            endpoint_url=endpoint_url,
            aws_access_key_id=access_key,
            aws_secret_access_key=secret_key,
            config=config,
        )
        self._put_args: dict[str, Any] = {"ServerSideEncryption": sse} if sse else {}
        self._transfer = TransferConfig(
            max_concurrency=4, use_threads=True, preferred_transfer_client="classic"
        )

    def __repr__(self) -> str:
        return f"S3ObjectStore(bucket={self.bucket!r}, endpoint_url={self.endpoint_url!r})"

    def ensure_bucket(self) -> bool:
        """Create the bucket when it does not exist; True when this call created it.

        A bucket this call creates gets a public-access block (with `block_public_access`);
        a store without that API is noted in the log, and the bucket is used as it is.
        """
        with self._s3_errors("head bucket"):
            try:
                self._client.head_bucket(Bucket=self.bucket)
                return False
            except ClientError as exc:
                if _error_code(exc) not in _NOT_FOUND | _NO_BUCKET:
                    raise
        options: dict[str, Any] = {}
        if self.region != "us-east-1":
            options["CreateBucketConfiguration"] = {"LocationConstraint": self.region}
        with self._s3_errors("create bucket"):
            try:
                self._client.create_bucket(Bucket=self.bucket, **options)
            except ClientError as exc:
                if _error_code(exc) == "BucketAlreadyOwnedByYou":
                    return False  # another worker created it first
                raise
        if self.block_public_access:
            self._block_public_access()
        return True

    def _block_public_access(self) -> None:
        try:
            self._client.put_public_access_block(
                Bucket=self.bucket, PublicAccessBlockConfiguration=PUBLIC_ACCESS_BLOCK
            )
        except ClientError as exc:
            code = _error_code(exc)
            status = str(exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode", ""))
            if code not in _UNSUPPORTED and status not in _UNSUPPORTED:
                raise _refusal(f"block public access s3://{self.bucket}", code, exc) from exc
            log.warning(
                "bucket %s: the store has no public-access block (%s); keep the bucket "
                "private in the store's own configuration",
                self.bucket,
                code or status,
            )

    def public_access_block(self) -> dict[str, bool] | None:
        """The bucket's public-access block, or None where it has none or the store lacks one."""
        try:
            answer = self._client.get_public_access_block(Bucket=self.bucket)
        except ClientError as exc:
            if _error_code(exc) in {"NoSuchPublicAccessBlockConfiguration", *_UNSUPPORTED}:
                return None
            where = f"get public access block s3://{self.bucket}"
            raise _refusal(where, _error_code(exc), exc) from exc
        return answer["PublicAccessBlockConfiguration"]

    def put_bytes(self, key: str, data: bytes) -> None:
        """Store `data` at `key`, replacing any previous object."""
        with self._s3_errors("put", key):
            self._client.put_object(Bucket=self.bucket, Key=key, Body=data, **self._put_args)

    def put_file(self, key: str, path: Path) -> None:
        """Upload the file at `path` (multipart when large; the object appears whole or not)."""
        with (
            self._s3_errors("put", key),
            create_transfer_manager(self._client, self._transfer) as manager,
        ):
            manager.upload(str(path), self.bucket, key, extra_args=self._put_args).result()

    def get_bytes(self, key: str) -> bytes:
        """Return the object's bytes, or raise ObjectNotFound."""
        with self._s3_errors("get", key, not_found=True):
            response = self._client.get_object(Bucket=self.bucket, Key=key)
            return response["Body"].read()

    def fetch_to(self, key: str, path: Path) -> None:
        """Download the object to `path` (through a temporary file), or raise ObjectNotFound."""
        with (
            self._s3_errors("get", key, not_found=True),
            create_transfer_manager(self._client, self._transfer) as manager,
        ):
            manager.download(self.bucket, key, str(path)).result()

    def exists(self, key: str) -> bool:
        """True when an object is stored at `key`."""
        try:
            with self._s3_errors("head", key, not_found=True):
                self._client.head_object(Bucket=self.bucket, Key=key)
        except ObjectNotFound:
            return False
        return True

    def delete(self, key: str) -> bool:
        """Delete one object; True when it existed.

        S3 answers a delete the same whether or not the key existed, so this asks first
        (HEAD, then DELETE). In the gap between the two, another deleter may also see the
        object, and both report True; a put that lands in the gap is deleted too. Purges
        only need the object gone afterwards, which always holds; a count may be one high.
        """
        if not self.exists(key):
            return False
        with self._s3_errors("delete", key):
            self._client.delete_object(Bucket=self.bucket, Key=key)
        return True

    def delete_listed(self, keys: builtins.list[str]) -> builtins.list[str]:
        """Delete keys a listing just returned, 1000 per request; return the ones deleted.

        No HEAD per key: the listing is the evidence they existed, with the same caveat as
        `delete` about an object that goes (or comes) in between.
        """
        deleted: builtins.list[str] = []
        for start in range(0, len(keys), 1000):
            chunk = keys[start : start + 1000]
            with self._s3_errors("delete", f"{len(chunk)} keys"):
                answer = self._client.delete_objects(
                    Bucket=self.bucket,
                    Delete={"Objects": [{"Key": k} for k in chunk], "Quiet": False},
                )
            if answer.get("Errors"):
                first = answer["Errors"][0]
                raise StoreUnavailable(
                    f"delete: {len(answer['Errors'])} keys refused ({first.get('Code')})",
                    reason="store_error",
                )
            deleted += [item["Key"] for item in answer.get("Deleted", ())]
        return sorted(deleted)

    def close(self) -> None:
        """Close the client's connection pool."""
        self._client.close()

    def list(self, prefix: str) -> builtins.list[str]:
        """Every key that starts with `prefix`, sorted; follows pagination (1000 per page)."""
        return sorted(self.list_modified(prefix))

    def list_modified(self, prefix: str) -> dict[str, datetime]:
        """Every key under `prefix` with the time it was last written (from the listing)."""
        found: dict[str, datetime] = {}
        with self._s3_errors("list", f"{prefix}*"):
            pages = self._client.get_paginator("list_objects_v2").paginate(
                Bucket=self.bucket, Prefix=prefix
            )
            for page in pages:
                for item in page.get("Contents", ()):
                    found[item["Key"]] = item["LastModified"].astimezone(UTC)
        return found

    @contextmanager
    def _s3_errors(
        self, operation: str, key: str = "", *, not_found: bool = False
    ) -> Iterator[None]:
        """Translate boto errors into the project's own; messages never carry object data."""
        where = f"{operation} s3://{self.bucket}/{key}"
        try:
            yield
        except ClientError as exc:
            code = _error_code(exc)
            if not_found and code in _NOT_FOUND:
                raise ObjectNotFound(key) from None
            raise _refusal(where, code, exc) from exc
        except _UNREACHABLE as exc:
            raise StoreUnavailable(
                f"{where}: the object store did not answer ({type(exc).__name__})"
            ) from exc
        except (NoCredentialsError, PartialCredentialsError) as exc:
            raise StoreUnavailable(
                f"{where}: no usable credentials", reason="store_access_denied"
            ) from exc


def _error_code(exc: ClientError) -> str:
    return str(exc.response.get("Error", {}).get("Code", ""))


def _refusal(where: str, code: str, exc: ClientError) -> StoreUnavailable:
    status = exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode")
    if code in _NO_BUCKET:
        return StoreUnavailable(
            f"{where}: the bucket does not exist", reason="store_bucket_missing"
        )
    if code in _ACCESS_DENIED:
        return StoreUnavailable(f"{where}: access denied ({code})", reason="store_access_denied")
    if isinstance(status, int) and status >= 500:
        return StoreUnavailable(f"{where}: the object store failed ({code}, HTTP {status})")
    return StoreUnavailable(f"{where}: refused ({code}, HTTP {status})", reason="store_error")
