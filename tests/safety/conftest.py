"""The window fixtures are shared with the safety tests."""

from tests.qt.conftest import Dialogs, dialogs

__all__ = ["Dialogs", "dialogs"]
