"""Sizing: from traffic (DAU, concurrency, requests per second) to counts and classes."""
