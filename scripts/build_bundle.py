"""Build an offline install bundle: a wheelhouse (our wheel + every runtime dependency) and a
one-line installer for Linux (install.sh) or Windows (install.bat), packed as one archive.
The wheelhouse holds the PostgreSQL driver too (the ``postgres`` extra), so an offline machine
can still reach the office server.

Usage::

    python scripts/build_bundle.py [--out dist] [--platform linux|windows|both]
                                   [--python-version 3.11] [--qt 6.9.3] [--no-archive]

``--qt`` pins the Qt for Python release: PySide6 6.10 and later need glibc 2.34 on Linux
(manylinux_2_34), 6.8 and 6.9 glibc 2.28 — what UOS 20 and Kylin V10 have.

The machine that builds needs the package registry (or a pip cache/--find-links that holds
every wheel); the machine that installs needs none: ``install.sh`` / ``install.bat`` make a
virtual environment and run
``pip install --no-index --find-links wheelhouse "lifa-workbench[postgres]"``.

Writes ``<out>/lifa-workbench-<version>-<platform>/`` and, unless ``--no-archive``, a
``.tar.gz`` (Linux) or ``.zip`` (Windows) of it beside. Prints the path of each bundle and the
glibc floor read off the Qt wheel's manylinux tag. Exit 2 with a one-line reason when the
wheels cannot be had (no network and no cache).
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: The wheel platform tags pip is asked for when building for Windows on another machine.
WINDOWS_PLATFORM = "win_amd64"

INSTALL_SH = """#!/bin/sh
# 立法工作台离线安装（Linux：统信 UOS、银河麒麟、Debian、Ubuntu …）。无需联网。
# 用法：sh install.sh [安装目录]（默认 ~/lifa-workbench）
set -e
here=$(cd "$(dirname "$0")" && pwd)
target=${1:-$HOME/lifa-workbench}
python=${PYTHON:-python3}
"$python" -c 'import sys; sys.exit(sys.version_info[:2] != (%(major)d, %(minor)d))' || {
  echo "需要 Python %(major)d.%(minor)d（本安装包的轮子为此版本编译）；请设置 PYTHON=python%(major)d.%(minor)d" >&2; exit 1; }
"$python" -m venv "$target"
"$target/bin/python" -m pip install --no-index --find-links "$here/wheelhouse" "lifa-workbench[postgres]"
cat > "$target/立法工作台.sh" <<EOF
#!/bin/sh
exec "$target/bin/lifa-workbench" "\\$@"
EOF
chmod +x "$target/立法工作台.sh"
echo "已安装到 $target；启动：$target/立法工作台.sh（命令行：$target/bin/lifa-workbench --help）"
"""

INSTALL_BAT = """@echo off
rem 立法工作台离线安装（Windows 10/11，64 位）。无需联网。
rem 用法：install.bat [安装目录]（默认 %%LOCALAPPDATA%%\\lifa-workbench）
setlocal
set "HERE=%%~dp0"
set "TARGET=%%~1"
if "%%TARGET%%"=="" set "TARGET=%%LOCALAPPDATA%%\\lifa-workbench"
py -%(major)d.%(minor)d -m venv "%%TARGET%%" || python -m venv "%%TARGET%%" || goto :fail
"%%TARGET%%\\Scripts\\python.exe" -m pip install --no-index --find-links "%%HERE%%wheelhouse" "lifa-workbench[postgres]" || goto :fail
echo 已安装到 %%TARGET%%；启动："%%TARGET%%\\Scripts\\lifa-workbench.exe"
exit /b 0
:fail
echo 安装失败：需要 64 位 Python %(major)d.%(minor)d（python.org 安装包，勾选 py 启动器） 1>&2
exit /b 1
"""


class BundleError(Exception):
    """The bundle cannot be built; the message is one line for the user."""


def project_version() -> str:
    """The version in pyproject.toml."""
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return str(data["project"]["version"])


def _pip(python: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [python, "-m", "pip", "--disable-pip-version-check", *args],
        capture_output=True,
        text=True,
        check=False,
    )


def build_wheelhouse(
    wheelhouse: Path, *, python: str, platform: str, python_version: str, qt: str = ""
) -> Path:
    """Our wheel plus every runtime dependency's wheel in ``wheelhouse``; our wheel's path.

    BundleError when pip cannot get a wheel (no network and not in the cache).
    """
    wheelhouse.mkdir(parents=True, exist_ok=True)
    # In an isolated build first (a setuptools recent enough to write wheels by itself);
    # without the registry, with this environment's setuptools (needs the ``wheel`` package
    # where setuptools is older than 70.1).
    done = _pip(python, "wheel", "--no-deps", "-w", str(wheelhouse), str(ROOT))
    if done.returncode:
        done = _pip(
            python, "wheel", "--no-deps", "--no-build-isolation", "-w", str(wheelhouse), str(ROOT)
        )
    if done.returncode:
        raise BundleError(f"无法构建本程序的 wheel：{_last_line(done.stderr)}")
    ours = sorted(wheelhouse.glob("lifa_workbench-*.whl"))
    if not ours:
        raise BundleError("pip 未生成本程序的 wheel")
    wheel = ours[-1]
    # The postgres extra: the wheel's own requirement, so its version bounds hold here too.
    args = ["download", "-d", str(wheelhouse), "--only-binary=:all:", f"{wheel}[postgres]"]
    if qt:
        args.append(f"PySide6-Essentials=={qt}")
    if platform == "windows":
        args += ["--platform", WINDOWS_PLATFORM, "--python-version", python_version]
    done = _pip(python, *args)
    if done.returncode:
        raise BundleError(
            f"无法取得依赖的 wheel（无网络且缓存中没有？）：{_last_line(done.stderr)}"
        )
    return wheel


def glibc_floor(wheelhouse: Path) -> str | None:
    """The glibc the Qt wheel needs, from its manylinux tag ("2.28"); None if no Linux Qt wheel."""
    for wheel in sorted(wheelhouse.glob("[Pp][Yy][Ss]ide6_[Ee]ssentials-*.whl")):
        match = re.search(r"manylinux_(\d+)_(\d+)", wheel.name)
        if match:
            return f"{match.group(1)}.{match.group(2)}"
        if "manylinux2014" in wheel.name:
            return "2.17"
    return None


def write_installers(bundle: Path, python_version: str, platform: str) -> None:
    """The platform's installer (install.sh for Linux, install.bat for Windows) and a short
    安装说明.txt that speaks of that platform only, in the bundle folder."""
    major, minor = (int(p) for p in python_version.split(".")[:2])
    values = {"major": major, "minor": minor}
    lines = ["立法工作台离线安装包", "", f"需要 Python {major}.{minor}（64 位）。安装时不需要联网。"]
    if platform == "windows":
        bat = bundle / "install.bat"
        bat.write_text(INSTALL_BAT % values, encoding="utf-8", newline="\r\n")
        lines.append("Windows：双击 install.bat，或在命令提示符中运行 install.bat [安装目录]")
    else:
        sh = bundle / "install.sh"
        sh.write_text(INSTALL_SH % values, encoding="utf-8", newline="\n")
        sh.chmod(0o755)
        lines.append("Linux：sh install.sh [安装目录]")
        floor = glibc_floor(bundle / "wheelhouse")
        if floor:
            lines.append(
                f"需要 glibc {floor} 或更新（Qt 轮子标记 manylinux_{floor.replace('.', '_')}）。"
            )
    lines.append("已含 PostgreSQL 驱动：可用 --db postgresql+psycopg://用户@服务器/库名 连接办公室服务器。")
    (bundle / "安装说明.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


def archive(bundle: Path, platform: str) -> Path:
    """Pack the bundle folder: .tar.gz for Linux (keeps install.sh executable), .zip for Windows."""
    if platform == "windows":
        target = bundle.parent / f"{bundle.name}.zip"  # not with_suffix: the name has dots
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf:
            for path in sorted(bundle.rglob("*")):
                zf.write(path, path.relative_to(bundle.parent).as_posix())
        return target
    target = bundle.parent / f"{bundle.name}.tar.gz"
    with tarfile.open(target, "w:gz") as tf:
        tf.add(bundle, arcname=bundle.name)
    return target


def build(
    out: Path,
    *,
    platform: str,
    python: str,
    python_version: str,
    pack: bool = True,
    qt: str = "",
) -> tuple[Path, Path | None]:
    """Build one platform's bundle; (bundle folder, archive or None)."""
    bundle = out / f"lifa-workbench-{project_version()}-{platform}"
    if bundle.exists():
        shutil.rmtree(bundle)
    build_wheelhouse(
        bundle / "wheelhouse",
        python=python,
        platform=platform,
        python_version=python_version,
        qt=qt,
    )
    write_installers(bundle, python_version, platform)
    return bundle, archive(bundle, platform) if pack else None


def _last_line(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[-1].strip() if lines else "（无输出）"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="构建离线安装包（wheelhouse + 一行安装脚本）")
    parser.add_argument("--out", type=Path, default=ROOT / "dist", help="输出文件夹（默认 dist）")
    parser.add_argument(
        "--platform",
        choices=("linux", "windows", "both"),
        default="linux" if sys.platform != "win32" else "windows",
        help="为哪种系统构建（默认本机）",
    )
    parser.add_argument(
        "--python-version",
        default=f"{sys.version_info.major}.{sys.version_info.minor}",
        help="目标机器的 Python 版本（默认与本机相同）",
    )
    parser.add_argument("--python", default=sys.executable, help="运行 pip 的 Python")
    parser.add_argument("--no-archive", action="store_true", help="只生成文件夹，不打包")
    parser.add_argument(
        "--qt",
        default="",
        help="固定 PySide6 版本（如 6.9.3：Linux 只需 glibc 2.28，适合统信 UOS 20、银河麒麟 V10）",
    )
    args = parser.parse_args(argv)
    platforms = ("linux", "windows") if args.platform == "both" else (args.platform,)
    try:
        for platform in platforms:
            if platform == "linux" and sys.platform == "win32":
                raise BundleError("Linux 安装包请在 Linux 上构建")
            folder, packed = build(
                args.out,
                platform=platform,
                python=args.python,
                python_version=args.python_version,
                pack=not args.no_archive,
                qt=args.qt,
            )
            floor = glibc_floor(folder / "wheelhouse")
            print(f"{platform}: {packed or folder}" + (f"（glibc ≥ {floor}）" if floor else ""))
    except BundleError as error:
        print(f"错误：{error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
