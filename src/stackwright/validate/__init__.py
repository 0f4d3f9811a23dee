"""Checks run on the generated infrastructure code: checkov, and the skips the spec calls for."""
