"""docgen.documents.catalogue."""
