"""The cost engine: spec components -> cost components -> an itemised monthly bill."""
