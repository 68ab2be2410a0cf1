"""docgen.changes."""
