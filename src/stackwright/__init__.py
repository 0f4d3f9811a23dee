"""stackwright: from one short spec of a web service to a complete, priced AWS plan."""

__version__ = "0.1.0"
