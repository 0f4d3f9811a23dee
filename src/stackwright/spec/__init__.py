"""Spec model, loading with located errors, and checks against the catalogue."""
