"""One cost module per AWS resource type; importing a module registers it (see ..registry)."""
