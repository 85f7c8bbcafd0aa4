"""Package list for setuptools (everything else is in pyproject.toml).

pyproject's `packages.find` cannot add a package that lives under another folder name: the runtime part of the
repository's behaviours/ folder is shipped as `canvas_tui.behaviour_data` (see `canvas_tui.paths`), so that a
wheel install has the trained models.
"""

from setuptools import find_packages, setup

setup(packages=[*find_packages(include=["canvas_tui*"]), "canvas_tui.behaviour_data"])
