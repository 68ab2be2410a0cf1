"""docgen.lint.template."""
