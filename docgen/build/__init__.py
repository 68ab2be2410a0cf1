"""docgen.build."""
