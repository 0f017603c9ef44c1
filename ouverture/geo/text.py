"""Name keys for matching communes and organisations; the function lives in core (the bottom
layer, which imports no domain app) and is re-exported here for the geo callers."""

from ouverture.core.text import normalize_name

__all__ = ["normalize_name"]
