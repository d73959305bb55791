"""Text that XML can carry, for the TMX and XLIFF exports.

XML 1.0 cannot hold most control characters, lone surrogates or U+FFFE/U+FFFF, not even
escaped. Rather than write a file that no CAT tool will open, they are left out and each one is
reported, naming the segment, so the reviewer can fix the text.
"""

from __future__ import annotations

import re

_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


class XmlTextCleaner:
    """Removes what XML cannot carry, and remembers what it removed where."""

    def __init__(self) -> None:
        self.warnings: list[str] = []

    def __call__(self, text: str, where: str) -> str:
        """*text* without the characters XML cannot carry; *where* names it in warnings."""
        found = _NOT_XML.findall(text)
        if not found:
            return text
        codes = ", ".join(sorted({f"U+{ord(char):04X}" for char in found}))
        self.warnings.append(
            f"{where}: left out {len(found)} character(s) XML cannot carry ({codes})."
        )
        return _NOT_XML.sub("", text)
