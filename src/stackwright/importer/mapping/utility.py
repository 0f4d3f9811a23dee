"""Resources of non-AWS providers that create nothing billable: random values, keys, timers, no-ops."""

from __future__ import annotations

from stackwright.importer.mapping.registry import free

free("random_password", "random_string", "random_id", "random_pet", "random_integer", "random_shuffle",
     "random_uuid", "tls_private_key", "tls_self_signed_cert", "time_sleep", "time_static", "time_rotating",
     "null_resource", "terraform_data")
