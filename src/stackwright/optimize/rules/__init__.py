"""One optimiser rule per module; each defines RULE (see stackwright.optimize.rule)."""
