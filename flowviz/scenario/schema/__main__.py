"""Write ``scenario-part.schema.json`` from ``scenario.schema.json`` (run after editing it)."""

from __future__ import annotations

from pathlib import Path

from flowviz.scenario.schema import PART_SCHEMA_FILE, part_schema_text

if __name__ == "__main__":
    target = Path(__file__).with_name(PART_SCHEMA_FILE)
    target.write_text(part_schema_text(), encoding="utf-8")
    print(f"wrote {target}")
