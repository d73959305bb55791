"""``python -m reviewer`` runs the command line."""

import sys

from reviewer.cli import main

sys.exit(main())
