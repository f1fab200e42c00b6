"""The offline bundle (scripts/build_bundle.py): built here, unpacked, installed by its own
install.sh into a fresh virtual environment with the package registry unreachable, and run
headless from there (``lifa-workbench --help``, ``parse``)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.slow

TEXT = """测试条例

第一条　为了测试离线安装，制定本条例。
第二条　本条例自公布之日起施行。
"""


def offline_env() -> dict[str, str]:
    """The environment of a machine with no network: pip may reach no index or proxy."""
    env = {k: v for k, v in os.environ.items() if not k.upper().startswith("PIP_")}
    dead = "http://127.0.0.1:9"  # the discard port: nothing listens, every request fails
    env |= {
        "PIP_NO_INDEX": "1",
        "PIP_INDEX_URL": dead,
        "http_proxy": dead,
        "https_proxy": dead,
        "HTTP_PROXY": dead,
        "HTTPS_PROXY": dead,
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
    }
    return env


def test_bundle_installs_and_runs_with_no_network(tmp_path: Path) -> None:
    built = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_bundle.py"), "--out", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=1200,
        check=False,
    )
    if built.returncode == 2 and "无法取得依赖" in built.stderr:
        pytest.skip(f"构建离线安装包需要的 wheel 取不到（无网络且无缓存）：{built.stderr.strip()}")
    assert built.returncode == 0, built.stderr
    [archive] = tmp_path.glob("lifa-workbench-*-linux.tar.gz")
    assert "glibc ≥ 2." in built.stdout
    unpacked = tmp_path / "unpacked"
    with tarfile.open(archive) as tf:
        tf.extractall(unpacked, filter="data")
    [bundle] = unpacked.iterdir()
    wheels = sorted(p.name for p in (bundle / "wheelhouse").glob("*.whl"))
    assert any(w.startswith("lifa_workbench-") for w in wheels)
    assert any(w.lower().startswith("pyside6_essentials-") for w in wheels)
    assert any(w.lower().startswith("psycopg") for w in wheels)  # the office server's driver
    assert not (bundle / "install.bat").exists()  # a Linux bundle speaks of Linux only
    assert "Windows" not in (bundle / "安装说明.txt").read_text(encoding="utf-8")

    target = tmp_path / "installed"
    env = offline_env() | {"PYTHON": sys.executable, "HOME": str(tmp_path)}
    installed = subprocess.run(
        ["sh", str(bundle / "install.sh"), str(target)],
        capture_output=True,
        text=True,
        timeout=1200,
        env=env,
        check=False,
    )
    assert installed.returncode == 0, installed.stdout + installed.stderr
    assert (target / "立法工作台.sh").exists()
    program = target / "bin" / "lifa-workbench"
    # Run outside the source tree, so nothing is imported from the checkout.
    helped = subprocess.run(
        [str(program), "--help"], capture_output=True, text=True, env=env, cwd=tmp_path, timeout=300
    )
    assert helped.returncode == 0 and "parse" in helped.stdout, helped.stderr
    source = tmp_path / "测试条例.txt"
    source.write_text(TEXT, encoding="utf-8")
    parsed = subprocess.run(
        [str(program), "parse", "--json", str(source)],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=300,
    )
    assert parsed.returncode == 0, parsed.stderr
    assert json.loads(parsed.stdout)["title"] == "测试条例"
    where = subprocess.run(
        [str(target / "bin" / "python"), "-c", "import storage, app; print(storage.__file__)"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=300,
    )
    assert str(target) in where.stdout, where.stdout + where.stderr
    driver = subprocess.run(
        [str(target / "bin" / "python"), "-c", "import psycopg; print(psycopg.__version__)"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=300,
    )
    assert driver.returncode == 0, driver.stderr


def test_an_older_qt_gives_a_bundle_for_glibc_2_28(tmp_path: Path) -> None:
    """UOS 20 and Kylin V10 have glibc 2.28: ``--qt 6.9.3`` builds for them."""
    built = subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "build_bundle.py"),
            "--out",
            str(tmp_path),
            "--qt",
            "6.9.3",
            "--no-archive",
        ],
        capture_output=True,
        text=True,
        timeout=1200,
        check=False,
    )
    if built.returncode == 2 and "无法取得依赖" in built.stderr:
        pytest.skip(f"构建离线安装包需要的 wheel 取不到（无网络且无缓存）：{built.stderr.strip()}")
    assert built.returncode == 0, built.stderr
    assert "glibc ≥ 2.28" in built.stdout
    [bundle] = tmp_path.glob("lifa-workbench-*-linux")
    assert "glibc 2.28" in (bundle / "安装说明.txt").read_text(encoding="utf-8")


def test_archives_keep_the_whole_name_and_the_installer_line_ends(tmp_path: Path) -> None:
    """No download: the packing step alone (the Windows bundle is built the same way)."""
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import build_bundle
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    bundle = tmp_path / "lifa-workbench-0.1.0-windows"
    (bundle / "wheelhouse").mkdir(parents=True)
    build_bundle.write_installers(bundle, "3.11", "windows")
    packed = build_bundle.archive(bundle, "windows")
    assert packed.name == "lifa-workbench-0.1.0-windows.zip"
    with zipfile.ZipFile(packed) as zf:
        names = zf.namelist()
        bat = zf.read("lifa-workbench-0.1.0-windows/install.bat").decode("utf-8")
    assert "lifa-workbench-0.1.0-windows/install.sh" not in names  # Windows only
    assert "--no-index --find-links" in bat and "py -3.11" in bat and "\r\n" in bat
    assert "[postgres]" in bat
    linux_bundle = tmp_path / "lifa-workbench-0.1.0-linux"
    (linux_bundle / "wheelhouse").mkdir(parents=True)
    build_bundle.write_installers(linux_bundle, "3.11", "linux")
    assert not (linux_bundle / "install.bat").exists()
    sh = (linux_bundle / "install.sh").read_text(encoding="utf-8")
    assert "--no-index --find-links" in sh and "(3, 11)" in sh and "[postgres]" in sh
    linux = build_bundle.archive(bundle, "linux")
    assert linux.name == "lifa-workbench-0.1.0-windows.tar.gz"
