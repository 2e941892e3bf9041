import sys

from stretchsite.cli import main

sys.exit(main())
