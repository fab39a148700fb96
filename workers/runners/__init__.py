"""Runners: the embedded in-process runner and the per-stage consumer-group workers."""
