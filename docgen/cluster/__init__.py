"""docgen.cluster."""
