"""Where the pipeline finds behaviours: every package under `canvas_tui/behaviours/` with a `pipeline.py`
that declares `BEHAVIOUR` (a `contract.Behaviour`), plus any behaviour registered at run time (tests do).

Names are found by looking at files (no import), and a behaviour's module is imported only when one of its
commands runs, so start-up stays fast. Nothing here names a behaviour.
"""

from __future__ import annotations

import importlib
import importlib.util
from pathlib import Path

from canvas_tui.pipeline.contract import Behaviour

PACKAGE = "canvas_tui.behaviours"
MODULE = "pipeline"
_registered: dict[str, Behaviour] = {}


class UnknownBehaviour(LookupError):
    """Raised for a behaviour name nobody declared, or one lacking the asked step."""


def _package_dir() -> Path:
    spec = importlib.util.find_spec(PACKAGE)
    assert spec is not None and spec.submodule_search_locations, PACKAGE
    return Path(next(iter(spec.submodule_search_locations)))


def declared() -> list[str]:
    """The names of the behaviour packages that carry a pipeline module (found on disk, nothing imported)."""
    return sorted(path.parent.name for path in _package_dir().glob(f"*/{MODULE}.py"))


def names() -> list[str]:
    """Every behaviour the pipeline can run: the declared packages and the ones registered at run time."""
    return sorted(set(declared()) | set(_registered))


def register(behaviour: Behaviour) -> Behaviour:
    """Make `behaviour` known under its name (replacing an earlier registration of that name)."""
    _registered[behaviour.name] = behaviour
    return behaviour


def unregister(name: str) -> None:
    """Forget a behaviour registered at run time (a test's own behaviour, when the test ends)."""
    _registered.pop(name, None)


def behaviour(name: str) -> Behaviour:
    """The declaration of behaviour `name`, importing its package's pipeline module on first use."""
    if name not in _registered:
        if name not in declared():
            raise UnknownBehaviour(f"unknown behaviour {name!r}; known: {', '.join(names())}")
        declaration = getattr(importlib.import_module(f"{PACKAGE}.{name}.{MODULE}"), "BEHAVIOUR", None)
        if not isinstance(declaration, Behaviour) or declaration.name != name:
            raise UnknownBehaviour(
                f"{PACKAGE}.{name}.{MODULE} does not declare BEHAVIOUR = Behaviour(name={name!r}, ...)"
            )
        register(declaration)
    return _registered[name]


def find(name: str) -> Behaviour | None:
    """The declaration of behaviour `name`, or None when there is none (data described without code)."""
    try:
        return behaviour(name)
    except UnknownBehaviour:
        return None


def step(name: str, attribute: str):
    """One pipeline step of behaviour `name` (`train` or `evaluate`); UnknownBehaviour when it has none."""
    found = getattr(behaviour(name), attribute)
    if found is None:
        raise UnknownBehaviour(f"behaviour {name!r} has no {attribute!r} step")
    return found
