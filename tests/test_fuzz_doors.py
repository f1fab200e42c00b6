"""Fuzzing every file door with mutated real files: a result or one Chinese line, never a traceback.

Hypothesis mutates a small real .docx, .xlsx, .csv, .txt and Akoma Ntoso file — bytes of the
raw file, or the XML of one part inside the zip before it is zipped again (so the XML parsers,
not only the zip CRC, meet the damage). Each door either reads the file or raises its own error
(ParseError / CommentImportError) with a one-line Chinese message. derandomize=True makes the
runs repeatable; the example counts keep the whole module to a few seconds.
"""

from __future__ import annotations

import functools
import shutil
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from consultation.importing import import_comments
from consultation.tabular import CommentImportError
from drafting.errors import ParseError
from drafting.exchange.akoma_ntoso import to_akn
from drafting.read.files import read_draft
from drafting.read.parse import parse_text
from tests.app_runner import run_app
from tests.consultation.drafts import sample_draft
from tests.hostile_files import base_docx, base_xlsx, is_one_chinese_line, rewrite_zip

FUZZ = settings(
    max_examples=20,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

TEXT = (
    "测试条例\n\n第一章　总则\n\n第一条　为了测试，制定本条例。\n第二条　本条例自公布之日起施行。\n"
)
CSV = "序号,条款,意见内容\n1,第一条,建议修改。\n2,第二条,“删除”二字。\n"

Mutation = tuple[float, str, int]

# One mutation: (where, as a fraction of the length; what; a byte).
_MUTATION = st.tuples(
    st.floats(0, 1, allow_nan=False),
    st.sampled_from(["flip", "insert", "delete", "truncate", "zero", "lt", "amp"]),
    st.integers(0, 255),
)
MUTATIONS = st.lists(_MUTATION, min_size=1, max_size=6)


def mutate(data: bytes, mutations: list[Mutation]) -> bytes:
    """``data`` with the mutations applied in order (XML-breaking ones included: < and &)."""
    out = bytearray(data)
    for where, kind, value in mutations:
        at = min(int(where * len(out)), max(len(out) - 1, 0))
        if not out:
            out = bytearray([value])
        elif kind == "flip":
            out[at] ^= value or 1
        elif kind == "insert":
            out[at:at] = bytes([value])
        elif kind == "delete":
            del out[at : at + 1 + value % 16]
        elif kind == "truncate":
            del out[at:]
        elif kind == "zero":
            out[at] = 0
        elif kind == "lt":
            out[at:at] = b"<"
        else:
            out[at:at] = b"&x;"
    return bytes(out)


@functools.cache
def seeds() -> dict[str, bytes]:
    """The real files every mutation starts from (not a fixture: hypothesis would print them)."""
    folder = Path(tempfile.mkdtemp(prefix="fuzz-seeds-"))
    docx_path = base_docx(folder / "seed.docx", TEXT.splitlines())
    letter = base_docx(
        folder / "letter.docx", ["关于条例的意见", "一、建议删除第一条。", "市文物局"]
    )
    xlsx = base_xlsx(folder / "seed.xlsx")
    data = {
        "docx": docx_path.read_bytes(),
        "letter": letter.read_bytes(),
        "xlsx": xlsx.read_bytes(),
        "txt": TEXT.encode("utf-8"),
        "gbk": TEXT.encode("gb18030"),
        "csv": CSV.encode("utf-8"),
        "big5csv": "序號,條款,意見內容\n1,第一條,建議修改。\n".encode("big5"),
        "akn": to_akn(parse_text(TEXT).draft),
    }
    shutil.rmtree(folder)
    return data


def with_part_mutated(seed: bytes, folder: Path, index: int, mutations: list[Mutation]) -> bytes:
    """The zip ``seed`` with one of its XML parts (chosen by ``index``) mutated, re-zipped."""
    source = folder / "seed.zip"
    source.write_bytes(seed)
    with zipfile.ZipFile(source) as archive:
        names = [n for n in archive.namelist() if n.endswith((".xml", ".rels"))]
        name = names[index % len(names)]
        data = archive.read(name)
    target = folder / "mutated.zip"
    rewrite_zip(source, target, {name: mutate(data, mutations)})
    return target.read_bytes()


def regulation_door(path: Path) -> None:
    """read_draft through the CLI: exit 0, or exit 1 with one Chinese line."""
    proc = run_app("parse", str(path), "--json")
    assert proc.returncode in (0, 1), proc.stderr[-3000:]
    if proc.returncode:
        assert is_one_chinese_line(proc.stderr), proc.stderr[-3000:]


def comment_door(path: Path) -> None:
    """import_comments: a report, or CommentImportError with one Chinese line."""
    try:
        import_comments(path, sample_draft())
    except CommentImportError as exc:
        assert is_one_chinese_line(str(exc)), str(exc)


def library_door(path: Path) -> None:
    """read_draft in-process: a result or a ParseError with one Chinese line."""
    try:
        read_draft(path)
    except ParseError as exc:
        assert is_one_chinese_line(str(exc)), str(exc)


Door = Callable[[Path], None]
CASES: list[tuple[str, str, Door]] = [
    ("docx", ".docx", regulation_door),
    ("txt", ".txt", library_door),
    ("gbk", ".txt", library_door),
    ("akn", ".xml", library_door),
    ("xlsx", ".xlsx", comment_door),
    ("letter", ".docx", comment_door),
    ("csv", ".csv", comment_door),
    ("big5csv", ".csv", comment_door),
]


@pytest.mark.parametrize("seed, suffix, door", CASES, ids=[c[0] for c in CASES])
@FUZZ
@given(mutations=MUTATIONS)
def test_mutated_bytes(
    tmp_path: Path,
    seed: str,
    suffix: str,
    door: Door,
    mutations: list[Mutation],
) -> None:
    path = tmp_path / f"fuzz{suffix}"
    path.write_bytes(mutate(seeds()[seed], mutations))
    door(path)


ZIPS = [c for c in CASES if c[0] in ("docx", "xlsx", "letter")]


@pytest.mark.parametrize("seed, suffix, door", ZIPS, ids=[c[0] for c in ZIPS])
@FUZZ
@given(index=st.integers(0, 50), mutations=MUTATIONS)
def test_mutated_xml_inside_the_zip(
    tmp_path: Path,
    seed: str,
    suffix: str,
    door: Door,
    index: int,
    mutations: list[Mutation],
) -> None:
    path = tmp_path / f"fuzz{suffix}"
    path.write_bytes(with_part_mutated(seeds()[seed], tmp_path, index, mutations))
    door(path)
