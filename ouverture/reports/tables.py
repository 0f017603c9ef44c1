"""Tables and their XLSX / CSV / JSON renderers, part of the rendering layer.

The code lives in `ouverture.core.tables` (apps at every layer build tables); this module is
the rendering layer's name for it, so documents import their renderers from one place."""

from ouverture.core.tables import (  # noqa: F401
    CONTENT_TYPES,
    Column,
    Table,
    download,
    dumps,
    to_csv,
    to_json_data,
    to_xlsx,
)

__all__ = [
    "CONTENT_TYPES",
    "Column",
    "Table",
    "download",
    "dumps",
    "to_csv",
    "to_json_data",
    "to_xlsx",
]
