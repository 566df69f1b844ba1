"""Files the kit writes: one atomic writer (:mod:`.atomic`), the progress store (:mod:`.progress`).

This package sits low in the kit's layers (above :mod:`hipback.errors` only), so the
command line, the handouts, the widgets and the lessons all write through it.
"""

from hipback.storage.atomic import OutputExistsError, write_bytes, write_files, write_text

__all__ = ["OutputExistsError", "write_bytes", "write_files", "write_text"]
