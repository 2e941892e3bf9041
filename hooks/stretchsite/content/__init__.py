"""Content: reading YAML files, the content model, editor messages and references."""
