"""sitmon's headless core: config, fetch, parse, store, relevance and extraction (no UI here)."""

__version__ = "0.1.0"
