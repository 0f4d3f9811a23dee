"""One module per spec component kind; each exports `render(component, plan, template)`."""
