"""reviewer: review Arabic-to-English machine translation, paragraph by paragraph."""

__version__ = "0.1.0"
