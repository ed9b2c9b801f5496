"""Modal screens of the walkthrough."""
