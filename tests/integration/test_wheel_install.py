"""A non-editable wheel install carries the trained models: `predict` works from outside the repository."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile

import pytest

from canvas_tui.paths import PROJECT_ROOT

SKIP = shutil.ignore_patterns(".git", ".venv", "build", "*.egg-info", "__pycache__", "reports", ".pytest_cache")


def _run(args: list[str], **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(args, capture_output=True, text=True, check=False, timeout=600, **kwargs)


@pytest.mark.slow
def test_the_installed_wheel_predicts_with_its_shipped_models_from_any_folder(tmp_path):
    source = tmp_path / "source"
    shutil.copytree(PROJECT_ROOT, source, ignore=SKIP)
    built = _run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path / "dist"),
            str(source),
        ]
    )
    assert built.returncode == 0, built.stderr[-2000:]
    wheel = next((tmp_path / "dist").glob("canvas_tui-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "canvas_tui/behaviour_data/trigger/trigger_model.json" in names
    assert {
        "canvas_tui/behaviour_data/trigger/slow_path.npz",
        "canvas_tui/behaviour_data/trigger/slow_path.json",
        "canvas_tui/behaviour_data/router/slow_path.npz",
        "canvas_tui/behaviour_data/router/slow_path.json",
    } <= set(names)
    assert not [name for name in names if name.endswith((".csv", ".joblib"))], "labels stay in the repository"
    site = tmp_path / "site"
    installed = _run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(site), str(wheel)])
    assert installed.returncode == 0, installed.stderr[-2000:]
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    env = {key: value for key, value in os.environ.items() if key != "CANVAS_TUI_BEHAVIOURS_DIR"}
    env |= {"PYTHONPATH": str(site), "CANVAS_TUI_DATA_DIR": str(tmp_path / "data")}
    where = _run(
        [sys.executable, "-c", "import canvas_tui.paths as p; print(p.__file__, p.behaviours_dir())"],
        cwd=outside,
        env=env,
    )
    assert where.stdout.split() == [str(site / "canvas_tui" / "paths.py"), str(site / "canvas_tui" / "behaviour_data")]
    lines = (
        '{"id": 1, "prompt": "Write a long essay about the history of tea."}\n{"id": 2, "prompt": "What is 2 + 2?"}\n'
    )
    predicted = _run(
        [sys.executable, "-m", "canvas_tui", "predict", "trigger", "--no-progress"], cwd=outside, env=env, input=lines
    )
    assert predicted.returncode == 0, predicted.stderr[-2000:]
    assert [json.loads(line)["label"] for line in predicted.stdout.splitlines()] == ["canvas", "inline"]
