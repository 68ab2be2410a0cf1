"""docgen.report.problems."""
