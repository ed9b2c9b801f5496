"""Exports: step snapshots written as files (SVG, HTML and its player, text,
ANSI, a Markdown handout, PNG).

``snapshot`` takes a stop's frame from the diagram engine, ``formats`` renders
it per format, ``player`` and ``handout`` build the multi-step files,
``selection`` parses ``--steps``/``--size`` and names files, and ``atomic``
writes them whole or not at all.
"""
