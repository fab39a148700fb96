"""`varsam tokens`: a token is printed once, on the last line; only its hash is kept."""

from __future__ import annotations

from workers.api.tokens import TokenStore, token_hash


def test_tokens_create_list_revoke_as_an_operator_uses_them(varsam):
    made = varsam("tokens", "create", "--role", "privacy", "--name", "alice")
    assert made.returncode == 0, made.stderr
    token = made.stdout.strip().splitlines()[-1]
    assert token.startswith("vst_") and len(token) > 40
    store = TokenStore(varsam.data_dir / "api-tokens.json")
    assert store.verify(token).name == "alice"
    assert token not in (varsam.data_dir / "api-tokens.json").read_text()
    assert token_hash(token) in (varsam.data_dir / "api-tokens.json").read_text()

    listed = varsam("tokens", "list")
    assert "alice\tprivacy" in listed.stdout and "live" in listed.stdout
    assert token not in listed.stdout

    again = varsam("tokens", "create", "--role", "agent", "--name", "alice")
    assert again.returncode == 1 and again.stderr.startswith("error: a live token")
    bad_role = varsam("tokens", "create", "--role", "root", "--name", "bob")
    assert bad_role.returncode != 0 and "Traceback" not in bad_role.stderr

    assert varsam("tokens", "revoke", "alice").returncode == 0
    assert store.verify(token) is None
    assert "revoked" in varsam("tokens", "list").stdout
    unknown = varsam("tokens", "revoke", "alice")
    assert (
        unknown.returncode == 1 and unknown.stderr.strip() == "error: no live token with this name"
    )
