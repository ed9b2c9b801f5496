"""One module per ``flowviz`` command; see :mod:`flowviz.cli`."""
