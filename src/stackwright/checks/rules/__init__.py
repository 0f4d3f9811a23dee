"""One check rule per module; each defines `RULE = Rule(...)`."""
