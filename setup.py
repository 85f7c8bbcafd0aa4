"""Package list for setuptools (everything else is in pyproject.toml).

pyproject's `packages.find` cannot add a package that lives under another folder name: the runtime part of the
repository's behaviours/ folder is shipped as `canvas_tui.behaviour_data` (see `canvas_tui.paths`), so that a
wheel install has the trained models. Each behaviour's folder is listed as a package of its own: setuptools warns
about (and will one day drop) data in a folder that is importable but not listed.
"""

from pathlib import Path

from setuptools import find_packages, setup

BEHAVIOURS = sorted(path.name for path in (Path(__file__).parent / "behaviours").iterdir() if path.is_dir())

setup(
    packages=[
        *find_packages(include=["canvas_tui*"]),
        "canvas_tui.behaviour_data",
        *(f"canvas_tui.behaviour_data.{name}" for name in BEHAVIOURS),
    ]
)
