"""Presenting: the presenter's state and the channel to speaker-notes terminals.

``presenter`` holds what the projector and the notes share (sessions, typed
stops, elapsed time); ``sync`` is the Unix-datagram channel between them.
"""

DEFAULT_SESSION = "default"
"""The session a presenter publishes to and notes terminals follow unless told otherwise.
Here, not in :mod:`~flowviz.presenting.presenter`: the command line needs it for its
help, and importing the presenter and the channel cost every start ~15 ms."""
