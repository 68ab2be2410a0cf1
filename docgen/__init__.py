"""docgen: turn one YAML file per Victorian VET cluster into its governance paperwork."""

from __future__ import annotations

__version__ = "0.1.0"
