"""Rule modules: one per rule family. The registry lists them; see rules/registry.py."""
