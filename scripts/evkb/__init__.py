"""evkb: an evidence knowledge base engine (records -> check -> site)."""
__version__ = "0.1.0"
