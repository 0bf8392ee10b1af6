"""requirements.lock, what tools/install.sh installs, still satisfies pyproject.toml.

A dependency added or narrowed in pyproject.toml without running tools/lock.sh fails here,
naming it, instead of installing something else on the next fresh machine.
"""

import re
import tomllib

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.conftest import PROJECT_DIR

PINNED = re.compile(r"^([A-Za-z0-9._-]+)(?:\[[^]]*\])?==([^\s;\\]+)", re.MULTILINE)


def declared_requirements():
    project = tomllib.loads((PROJECT_DIR / "pyproject.toml").read_text())["project"]
    return [Requirement(line) for line in [*project["dependencies"], *project["optional-dependencies"]["test"]]]


def locked_versions():
    lock = (PROJECT_DIR / "requirements.lock").read_text()
    return {canonicalize_name(name): version for name, version in PINNED.findall(lock)}


def test_every_declared_dependency_is_locked_at_a_version_it_allows():
    locked = locked_versions()
    for requirement in declared_requirements():
        name = canonicalize_name(requirement.name)
        assert name in locked, f"{requirement.name} is not in requirements.lock: run tools/lock.sh"
        assert requirement.specifier.contains(locked[name], prereleases=True), (
            f"requirements.lock has {requirement.name}=={locked[name]}, pyproject.toml wants "
            f"{requirement.specifier}: run tools/lock.sh"
        )


def test_every_locked_package_has_hashes():
    lock = (PROJECT_DIR / "requirements.lock").read_text()
    for entry in re.split(r"\n(?=\S)", lock.strip()):
        if PINNED.match(entry):
            assert "--hash=sha256:" in entry, f"no hash for {entry.splitlines()[0]}: run tools/lock.sh"
