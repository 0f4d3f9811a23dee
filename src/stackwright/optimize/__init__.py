"""The optimiser: recommendation rules searched together for the cheapest spec that keeps the constraints."""
