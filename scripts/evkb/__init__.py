"""evkb: an evidence knowledge base engine (records -> check -> site)."""


def __getattr__(name):
    if name == "__version__":     # written once, in pyproject.toml; read from the installed metadata
        from .model.project import version
        return version()
    raise AttributeError(name)
