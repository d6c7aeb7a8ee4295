"""`python -m tipcheck`."""

import sys

from tipcheck.cli import main

sys.exit(main())
