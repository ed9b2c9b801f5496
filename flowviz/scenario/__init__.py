"""The scenario: its model, the safe YAML reader, the loader and its checks.

A scenario folder becomes a :class:`~flowviz.scenario.model.Scenario` through
``loader.load_scenario``: files are read and parsed by ``yamlsafe`` (limits,
marks), checked against the shipped JSON Schema (``schema_check``) and for
cross-references (``references``), then built into frozen dataclasses
(``builder``) whose stops (``stops``) the rest of flowviz walks through.
"""
