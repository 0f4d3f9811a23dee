"""One module per spec component kind; each exports `components(name, component, ctx)`."""
