"""docgen.funding.transition."""
