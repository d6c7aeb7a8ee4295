"""`python -m tipcheck`."""

import sys

from .cli import main

sys.exit(main())
