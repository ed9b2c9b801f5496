"""Allow ``python -m flowviz``."""

from flowviz.cli import main

raise SystemExit(main())
