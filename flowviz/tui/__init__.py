"""The interactive walkthrough (Textual). Nothing outside this package imports Textual."""
