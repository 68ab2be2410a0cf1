"""One module per `docgen` command; each defines `command`, a click command."""
