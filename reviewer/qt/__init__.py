"""The review window (PySide6). The only package of reviewer that imports Qt."""
