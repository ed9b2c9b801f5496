"""What the learner or presenter chose for every app: motion and theme.

Shared by the walkthrough, the presenter and the notes terminal, so ``m``,
``--no-animation`` and ``FLOWVIZ_NO_ANIMATION`` mean the same everywhere.
"""

from __future__ import annotations

import os

NO_ANIMATION_ENV = "FLOWVIZ_NO_ANIMATION"
"""Set to 1 (or any value but '', '0') to turn motion off, like --no-animation."""

DARK_THEME = "textual-dark"
LIGHT_THEME = "textual-light"


def motion_reduced_by_environment() -> bool:
    """True when ``FLOWVIZ_NO_ANIMATION`` asks for no motion."""
    return os.environ.get(NO_ANIMATION_ENV, "").strip() not in ("", "0")
