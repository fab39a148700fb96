"""Adapters: the object store, event bus, consent ledger and audit log on real backends."""
