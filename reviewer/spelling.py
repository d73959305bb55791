"""English spell checking with Hunspell, the engine LibreOffice and Firefox use.

The checker is the Hunspell library itself with its American English dictionary, both as
the ``chunspell`` wheel installs them: nothing to install from the system. Words the review
already knows are never flagged: the English of the glossaries, the names the machine
translation writes with a capital inside a sentence, and the reviewer's own dictionary
(``dictionary.txt`` in the data folder, one word a line, kept across reviews).

What is checked is plain English words: numbers, words glued to digits ("3rd"), words in
capitals ("UNHCR"), web and mail addresses and other scripts are left alone (the quality
checks see Arabic left in the English).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from reviewer.errors import ReviewerError, WriteError
from reviewer.storage import atomic_write, user_data_folder

if TYPE_CHECKING:
    from reviewer.document import ReviewDocument
    from reviewer.qa import Term

Span = tuple[int, int]

#: A word: letters, with apostrophes inside ("don't", "Israel's"). Digits glued to it
#: ("3rd", "A4") make it no word to check.
_WORD = re.compile(r"(?<!\w)[^\W\d_](?:[^\W\d_]|['’](?=[^\W\d_]))*(?![\w])")
#: Addresses whose parts are no words: https://…, www.…, name@host.
_ADDRESS = re.compile(r"\b(?:[a-z][a-z0-9+.-]*://|www\.)\S+|\S+@\S+\.\w+", re.IGNORECASE)
#: A capital inside a sentence marks a name: the word before is no sentence end.
_SENTENCE_END = re.compile(r"[.!?…:;\"“”]\s*$")
#: Words every English dictionary knows: one that does not is no English dictionary.
_COMMON_WORDS = ("the", "and", "government")
#: The most suggestions offered for a word.
MAX_SUGGESTIONS = 8


class SpellingUnavailableError(ReviewerError):
    """The spell checker cannot run here (its library is missing)."""


class Hunspell(Protocol):
    """What is used of a Hunspell binding (``chunspell``'s ``hunspell.Hunspell``)."""

    def spell(self, word: str) -> bool: ...
    def suggest(self, word: str) -> tuple[str, ...]: ...
    def add(self, word: str) -> object: ...


def personal_dictionary_path() -> Path:
    """The reviewer's own dictionary: words added with "Add to dictionary"."""
    return user_data_folder() / "dictionary.txt"


def dictionaries_folder() -> Path:
    """Where a Hunspell dictionary of another English (en_GB...) can be put to be used."""
    return user_data_folder() / "dictionaries"


def words_in(text: str) -> list[tuple[str, Span]]:
    """The words of *text* to check, with their spans (addresses left out)."""
    addresses = [match.span() for match in _ADDRESS.finditer(text)]
    found = []
    for match in _WORD.finditer(text):
        start, end = match.span()
        if any(a_start <= start < a_end for a_start, a_end in addresses):
            continue
        found.append((match.group(), (start, end)))
    return found


class SpellChecker:
    """Flags and corrects English words; safe to use from two threads (a lock guards the
    library, which is not thread-safe)."""

    def __init__(self, hunspell: Hunspell, personal: Path | None = None) -> None:
        self._hunspell = hunspell
        #: The dictionary's language, as its file is named.
        self.language = "en_US"
        self._lock = threading.Lock()
        self._personal = personal
        #: Words the review knows (glossary, names): never flagged, for this review only.
        self.accepted: frozenset[str] = frozenset()
        self._personal_words: set[str] = set()
        if personal is not None:
            for word in _read_words(personal):
                self._learn(word)

    @classmethod
    def load(cls, personal: Path | None = None, dictionaries: Path | None = None) -> SpellChecker:
        """The checker with the reviewer's dictionary at *personal*: American English, or
        the first Hunspell dictionary (NAME.dic with NAME.aff) in the *dictionaries* folder,
        for example LibreOffice's en_GB for British spelling."""
        try:
            import hunspell
        except ImportError as error:
            raise SpellingUnavailableError(
                "Spell check is off: its library (chunspell) is not installed. Install it with "
                "'pip install chunspell' and start reviewer again."
            ) from error
        for dic in sorted(dictionaries.glob("*.dic")) if dictionaries is not None else []:
            if dic.with_suffix(".aff").is_file():
                try:
                    library = hunspell.Hunspell(dic.stem, hunspell_data_dir=str(dic.parent))
                except Exception as error:
                    raise SpellingUnavailableError(
                        f"Spell check is off: the dictionary {dic.name} cannot be read "
                        f"({error}). Remove it from {dic.parent} to use American English."
                    ) from None
                if not all(library.spell(word) for word in _COMMON_WORDS):
                    raise SpellingUnavailableError(
                        f"Spell check is off: the dictionary {dic.name} does not know "
                        f"“{'”, “'.join(_COMMON_WORDS)}”, so it is not an English one. Remove "
                        f"it from {dic.parent} to use American English."
                    )
                checker = cls(library, personal)
                checker.language = dic.stem
                return checker
        return cls(hunspell.Hunspell("en_US"), personal)

    def is_correct(self, word: str) -> bool:
        """Whether *word* is spelt right (or is no word to check)."""
        base = word[:-2] if word.endswith(("'s", "’s")) else word
        if _not_checked(word) or {word, word.lower(), base} & self.accepted:
            return True
        plain = _plain(word)
        try:
            with self._lock:
                return bool(self._hunspell.spell(plain))
        except UnicodeError:
            return True  # A letter the dictionary cannot hold: not an English word.

    def misspellings(self, text: str) -> list[Span]:
        """The spans of the misspelt words of *text*."""
        return [span for word, span in words_in(text) if not self.is_correct(word)]

    def suggestions(self, word: str) -> list[str]:
        """Corrections for *word*, best first."""
        try:
            with self._lock:
                found = self._hunspell.suggest(_plain(word))
        except UnicodeError:
            return []
        if "’" in word:  # Offer them with the apostrophe the reviewer writes.
            found = tuple(suggestion.replace("'", "’") for suggestion in found)
        return list(found[:MAX_SUGGESTIONS])

    def add_to_dictionary(self, word: str) -> None:
        """Never flag *word* again, in any review (kept in the reviewer's dictionary)."""
        word = _plain(word.strip())
        if not word or word in self._personal_words:
            return
        self._learn(word)
        if self._personal is None:
            return
        words = sorted(self._personal_words, key=str.casefold)
        self._personal.parent.mkdir(parents=True, exist_ok=True)
        try:
            atomic_write(self._personal, "".join(f"{w}\n" for w in words).encode("utf-8"))
        except WriteError as error:
            raise WriteError(f"“{word}” is known for now but not kept: {error}") from error

    def _learn(self, word: str) -> None:
        self._personal_words.add(word)
        try:
            with self._lock:
                self._hunspell.add(word)
        except UnicodeError:
            pass  # The dictionary cannot hold it; the word is not flagged either.


def _read_words(path: Path) -> list[str]:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return []
    return [line.strip() for line in text.splitlines() if line.strip()]


def _plain(word: str) -> str:
    """*word* as the dictionary spells it (a straight apostrophe)."""
    return word.replace("’", "'")


def _not_checked(word: str) -> bool:
    """Words no dictionary judges: in capitals (acronyms), or a single letter."""
    letters = [char for char in word if char.isalpha()]
    return len(letters) < 2 or (word.isupper() and len(letters) > 1)


def review_words(document: ReviewDocument, glossary: Iterable[Term] = ()) -> frozenset[str]:
    """Words a review knows though a dictionary may not: the English of its glossary terms
    and the names its machine translation writes with a capital inside a sentence."""
    known: set[str] = set()
    for term in glossary:
        for target in term.targets:
            known.update(word for word, _ in words_in(target))
    for segment in document.segments:
        if segment.machine is not None:
            known.update(names_in(segment.machine.text))
    return frozenset(known)


def names_in(text: str) -> set[str]:
    """The words of *text* written with a capital inside a sentence: names."""
    names = set()
    for word, (start, _end) in words_in(text):
        if word[0].isupper() and start > 0 and not _SENTENCE_END.search(text[:start]):
            names.add(word)
            if word.endswith(("'s", "’s")):
                names.add(word[:-2])
    return names


__all__ = [
    "MAX_SUGGESTIONS",
    "SpellChecker",
    "SpellingUnavailableError",
    "dictionaries_folder",
    "names_in",
    "personal_dictionary_path",
    "review_words",
    "words_in",
]
