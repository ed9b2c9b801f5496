"""flowviz: step through how a request travels a distributed system, in the terminal."""

__version__ = "0.1.0"
