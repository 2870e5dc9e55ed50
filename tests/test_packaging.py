"""The built wheel ships the lexicons and the demo corpus, and works outside the checkout."""

from __future__ import annotations

import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out)],
        cwd=REPO_ROOT, check=True, capture_output=True,
    )
    (built,) = out.glob("framing-*.whl")
    return built


def test_packaging_wheel_contents(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    bundled = sorted(p.name for p in (REPO_ROOT / "lexicons").glob("*.yaml"))
    assert bundled, "the repository ships no lexicons"
    assert sorted(n.rsplit("/", 1)[1] for n in names if n.startswith("framing/lexicons/")) \
        == bundled
    assert "framing/py.typed" in names
    assert any(n.startswith("framing/data/demo/") for n in names)
    # Templates of the HTML report and the worksheets are read with jinja2.PackageLoader.
    for template in ("framing/report/templates/report.html.j2",
                     "framing/report/templates/report.css", "framing/report/templates/report.js"):
        assert template in names
    assert any(n.startswith("framing/exercise/templates/") and n.endswith(".j2") for n in names)
    assert not any(n.startswith(("tests/", "benchmarks/")) for n in names)


def test_packaging_installed_wheel_loads_bundled_data(wheel: Path, tmp_path: Path) -> None:
    """Install the wheel into a throwaway venv and load lexicons and demo from *there*."""
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps",
         "--no-index", "--quiet", str(wheel)],
        check=True, capture_output=True,
    )
    # Dependencies come from the project's venv, appended *after* the throwaway site-packages,
    # so `framing` itself can only be imported from the installed wheel.
    site = Path(subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True, capture_output=True, text=True).stdout.strip())
    (site / "zz_deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    script = (
        "import framing, framing.resources as r\n"
        "from pathlib import Path\n"
        "print(Path(framing.__file__).resolve())\n"
        "print(r.lexicon_dir().resolve())\n"
        "print(len(list(r.lexicon_dir().glob('*.yaml'))))\n"
        "try:\n"
        "    from framing.lexicon import list_bundled\n"
        "    print(sum(1 for info in list_bundled()))\n"
        "except ImportError:\n"
        "    print(-1)\n"
        "print(len(framing.read_corpus(framing.demo_corpus_path())))\n"
    )
    result = subprocess.run([str(python), "-I", "-c", script], cwd=tmp_path, check=True,
                            capture_output=True, text=True)
    module_path, lexicon_path, n_yaml, n_loaded, n_demo = result.stdout.split("\n")[:5]
    assert module_path.startswith(str(env_dir.resolve()))
    assert lexicon_path.startswith(str(env_dir.resolve()))
    n_bundled = len(list((REPO_ROOT / "lexicons").glob("*.yaml")))
    assert int(n_yaml) == n_bundled
    assert int(n_loaded) == n_bundled  # every bundled lexicon loads and validates from the wheel
    assert int(n_demo) > 0
    cli = subprocess.run([str(env_dir / "bin" / "framing"), "--version"], cwd=tmp_path,
                         check=True, capture_output=True, text=True)
    assert cli.stdout.startswith("framing ")
