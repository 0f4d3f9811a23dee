"""The cost engine: cost components -> an itemised monthly bill. A spec's bill (spec -> plan -> AWS resources
-> cost components) is put together above it, by stackwright.spec_bill."""
