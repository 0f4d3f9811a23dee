"""One module per spec component kind; each exports `MODULE` (the Terraform module its resources go
to) and `render(component, plan, stack)`."""
