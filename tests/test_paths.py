"""Data files record paths that mean the same file on another machine."""

from __future__ import annotations

from canvas_tui.paths import PROJECT_ROOT, portable_path, recorded_path


def test_a_project_file_is_recorded_relative_to_the_project_and_found_again():
    document = PROJECT_ROOT / "behaviours" / "locate" / "spec.md"
    recorded = portable_path(document)
    assert recorded == "behaviours/locate/spec.md"
    assert recorded_path(recorded) == document


def test_a_file_beside_the_project_is_recorded_through_its_parent():
    beside = PROJECT_ROOT.parent / "shared" / "corpus" / "x.md"
    assert portable_path(beside) == "../shared/corpus/x.md"
    assert recorded_path(portable_path(beside)).resolve() == beside.resolve()
