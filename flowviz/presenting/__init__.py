"""Presenting: the presenter's state and the channel to speaker-notes terminals.

``presenter`` holds what the projector and the notes share (sessions, typed
stops, elapsed time); ``sync`` is the Unix-datagram channel between them.
"""
