"""The project's set-up promises: pinned dependencies mirrored, the README's two commands, make help."""
import re
import subprocess
import tomllib

import yaml

from uncac_needs.plumbing import config

ROOT = config.PROJ_ROOT


def test_environment_yml_mirrors_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    pinned = set(project["dependencies"]) | {d for deps in project["optional-dependencies"].values() for d in deps}
    assert all(re.fullmatch(r"[A-Za-z0-9_.-]+==[0-9][A-Za-z0-9.]*", d) for d in pinned), "every dependency is pinned"
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    pip = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    assert set(pip) == pinned
    python = next(d for d in env["dependencies"] if isinstance(d, str) and d.startswith("python"))
    assert python == "python=3.11" and project["requires-python"].startswith(">=3.11")


def test_readme_gives_two_setup_commands_and_ci_runs_the_test_one():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Set-up on a fresh machine", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```\n(.*?)```", section, re.S).group(1)
    commands = [line for line in block.splitlines() if line.strip()]
    assert commands == ["make report", "make test"]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in ci and "scripts/setup.sh" in ci
    setup = (ROOT / "scripts" / "setup.sh").read_text(encoding="utf-8")
    for package in ("fonts-noto-cjk", "libharfbuzz-subset0", "poppler-utils"):
        assert package in setup


def test_make_help_lists_every_target():
    out = subprocess.run(["make", "-s", "help"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = re.findall(r"^([a-z-]+):.*?## ", makefile, re.M)
    assert {"report", "test", "sample", "help"} <= set(targets)
    for target in targets:
        assert f"make {target}" in out


def test_every_file_the_package_reads_is_in_its_package_data():
    """A wheel holds only the files [tool.setuptools.package-data] names: every template, style sheet and
    catalog beside the code must match one of its patterns (the templates of templates/note/ once did not)."""
    package_data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"][
        "package-data"]
    src = ROOT / "src"
    missed = []
    for path in (src / "uncac_needs").rglob("*"):
        if path.is_dir() or path.suffix in (".py", ".pyc") or "__pycache__" in path.parts:
            continue
        owners = [pkg for pkg in package_data if path.is_relative_to(src / pkg.replace(".", "/"))]
        owner = max(owners, key=len, default=None)
        if owner is None or not any(path.relative_to(src / owner.replace(".", "/")).match(pattern)
                                    and len(path.relative_to(src / owner.replace(".", "/")).parts)
                                    == len(pattern.split("/")) for pattern in package_data[owner]):
            missed.append(path.relative_to(src).as_posix())
    assert missed == []
