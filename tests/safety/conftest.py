"""The window fixtures are shared with the safety tests."""

from tests.qt.conftest import Dialogs, _confirm_without_the_checks, dialogs

__all__ = ["Dialogs", "_confirm_without_the_checks", "dialogs"]
