"""The package installs offline, as the README says: ``pip install --no-build-isolation`` into a fresh venv, with the
build backend (setuptools, wheel) taken from the system's packages and nothing fetched."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1]


def test_installs_offline_into_a_venv_and_imports_from_there(tmp_path):
    for module, debian in (("setuptools", "python3-setuptools"), ("wheel", "python3-wheel")):
        if importlib.util.find_spec(module) is None:
            pytest.skip(f"{module} is missing for {sys.executable} (Debian: {debian}): an offline build needs it")
    env = tmp_path / "venv"
    made = subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(env)], capture_output=True, text=True)
    if made.returncode != 0:
        pytest.skip(f"python3 -m venv does not work here (Debian: python3-venv): {made.stderr.strip()[-300:]}")
    # A copy, so the in-tree build leaves nothing in the checkout.
    source = tmp_path / "source"
    shutil.copytree(PACKAGE, source, ignore=shutil.ignore_patterns("tests", "build", "*.egg-info", "__pycache__", ".pytest_cache"))
    python = env / "bin" / "python"

    installed = subprocess.run(
        [str(python), "-m", "pip", "install", "--no-index", "--no-build-isolation", "--no-deps", "--quiet", str(source)],
        capture_output=True, text=True, timeout=300)
    assert installed.returncode == 0, installed.stdout + installed.stderr

    shutil.rmtree(source)
    probe = ("import verifier_client, verifier_client.rewards.trl, verifier_client.rewards.verl, verifier_client.datasets;"
             "print(verifier_client.__file__)")
    imported = subprocess.run([str(python), "-c", probe], capture_output=True, text=True, cwd=tmp_path, timeout=60)
    assert imported.returncode == 0, imported.stderr
    assert imported.stdout.strip().startswith(str(env)), imported.stdout
