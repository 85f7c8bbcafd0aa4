"""Where canvas-tui finds its data (behaviour specs, labels, artifacts) and keeps its user files."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SHIPPED_BEHAVIOURS = Path(__file__).resolve().parent / "behaviour_data"
"""Where a wheel install keeps the runtime part of behaviours/ (trained models, lexicons, specs, configs):
setup.py maps the repository's behaviours/ folder to the package `canvas_tui.behaviour_data`."""


def source_checkout() -> bool:
    """Whether canvas-tui runs from a source checkout (editable install, tests), not from an installed wheel."""
    return (PROJECT_ROOT / "pyproject.toml").is_file() and (PROJECT_ROOT / "behaviours").is_dir()


def behaviours_dir() -> Path:
    """The folder of behaviour data (`behaviours/<name>/`): specs, labels, synthetic data, artifacts.

    CANVAS_TUI_BEHAVIOURS_DIR wins; a source checkout uses its own behaviours/ folder (so `train` writes where
    git sees it); an installed wheel reads the copy shipped inside the package."""
    override = os.environ.get("CANVAS_TUI_BEHAVIOURS_DIR")
    if override:
        return Path(override)
    return PROJECT_ROOT / "behaviours" if source_checkout() else SHIPPED_BEHAVIOURS


def behaviour_dir(name: str) -> Path:
    """The data folder of one behaviour."""
    return behaviours_dir() / name


def user_data_dir() -> Path:
    """Per-user data: the decision log, autosaves. Overridable with CANVAS_TUI_DATA_DIR."""
    override = os.environ.get("CANVAS_TUI_DATA_DIR")
    return Path(override) if override else Path(platformdirs.user_data_dir("canvas-tui"))


def user_config_file() -> Path:
    """The optional TOML config file. Overridable with CANVAS_TUI_CONFIG."""
    override = os.environ.get("CANVAS_TUI_CONFIG")
    return Path(override) if override else Path(platformdirs.user_config_dir("canvas-tui")) / "config.toml"


def portable_path(path: Path) -> str:
    """`path` as data files should record it: relative to the project (or to the folder beside it, such as
    ../shared), so a record made on one machine means the same file on another."""
    resolved = Path(path).resolve()
    for base, prefix in ((PROJECT_ROOT, ""), (PROJECT_ROOT.parent, "../")):
        if resolved.is_relative_to(base):
            return prefix + str(resolved.relative_to(base))
    return str(resolved)


def recorded_path(recorded: str) -> Path:
    """The file a `portable_path` string names (relative strings are taken from the project root)."""
    path = Path(recorded)
    return path if path.is_absolute() else PROJECT_ROOT / path
