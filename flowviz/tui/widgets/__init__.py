"""Widgets of the walkthrough screen."""
