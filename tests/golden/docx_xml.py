"""Golden files for the .docx we write: the package's XML parts, normalised, as one text file.

A .docx is a zip of XML parts. ``docx_xml_text`` unzips one and gives its parts as pretty-printed
XML with what changes from run to run taken out:

- ``rsid`` attributes and the ``w:rsids``/``w:rsid`` elements (Word's editing-session ids);
- ``w:date`` on tracked changes and ``dcterms:created``/``dcterms:modified`` (timestamps);
- ``dc:creator`` and ``cp:lastModifiedBy`` when they are the login of whoever ran the test
  (the default author), not a name the test chose;
- the ``w:id`` of revisions (``w:ins``, ``w:del``, move ranges …), renumbered 1, 2, 3 … in
  document order:
  the writer numbers them from one counter for the whole process, so their values depend on what
  ran before; the order and uniqueness are what a reader relies on.

Parts that are byte-for-byte python-docx's own default template (theme, fonts, web settings …)
say nothing about our writer and are left out; ``styles.xml`` keeps the defaults and the styles
the text uses (with those they are based on). Binary parts (pictures) are named in the header,
not compared.

``assert_matches_golden`` compares with ``tests/golden/<name>``; ``UPDATE_GOLDEN=1`` rewrites the
file instead, after a deliberate change of the output (then read the diff before committing).
"""

from __future__ import annotations

import difflib
import os
import zipfile
from functools import cache
from pathlib import Path

import docx
from lxml import etree

from drafting.write.house_docx import default_author

GOLDEN_DIR = Path(__file__).resolve().parent

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
DCTERMS = "http://purl.org/dc/terms/"
_AUTHORS = (
    "{http://purl.org/dc/elements/1.1/}creator",
    "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}lastModifiedBy",
)
_LOGIN = default_author()
# Revision marks whose w:id comes from the writer's process-wide counter.
_REVISIONS = {
    f"{{{W}}}{tag}"
    for tag in (
        "ins", "del", "moveFrom", "moveTo", "rPrChange", "pPrChange", "sectPrChange",
        "tblPrChange", "trPrChange", "tcPrChange", "numberingChange", "cellIns", "cellDel",
        "moveFromRangeStart", "moveToRangeStart",
    )
}  # fmt: skip
# The end of a move's range carries the id of its start.
_RANGE_ENDS = {f"{{{W}}}moveFromRangeEnd", f"{{{W}}}moveToRangeEnd"}


@cache
def _template_parts() -> dict[str, bytes]:
    """python-docx's default.docx: the parts every document starts from."""
    template = Path(docx.__file__).resolve().parent / "templates" / "default.docx"
    with zipfile.ZipFile(template) as z:
        return {name: z.read(name) for name in z.namelist()}


_STYLE_REFERENCES = ("pStyle", "rStyle", "tblStyle", "numStyleLink", "styleLink")
_STYLE_CHAINS = ("basedOn", "link", "next")


def _used_style_ids(parts: list[etree._Element]) -> set[str]:
    """Ids of the styles the other parts name (paragraphs, runs, tables, numbering)."""
    tags = {f"{{{W}}}{name}" for name in _STYLE_REFERENCES}
    return {el.get(f"{{{W}}}val", "") for root in parts for el in root.iter() if el.tag in tags}


def _keep_styles_in_use(root: etree._Element, used: set[str]) -> None:
    """Keep docDefaults, the default styles and those in use (with what they are based on).

    python-docx's template brings 160 styles; the house style rewrites many the text never
    uses. Only what can reach the reader's page is compared.
    """
    styles = {el.get(f"{{{W}}}styleId"): el for el in root.iter(f"{{{W}}}style")}
    wanted = set(used) | {sid for sid, el in styles.items() if el.get(f"{{{W}}}default") == "1"}
    todo = list(wanted)
    while todo:
        style = styles.get(todo.pop())
        for name in _STYLE_CHAINS if style is not None else ():
            link = style.find(f"{{{W}}}{name}")
            target = link.get(f"{{{W}}}val") if link is not None else None
            if target and target not in wanted:
                wanted.add(target)
                todo.append(target)
    for element in list(root):
        if element.tag == f"{{{W}}}latentStyles" or (
            element.tag == f"{{{W}}}style" and element.get(f"{{{W}}}styleId") not in wanted
        ):
            root.remove(element)


def _normalise(root: etree._Element) -> None:
    """Take out of one parsed part what changes from run to run (see the module docstring)."""
    revision = 0
    range_ids: dict[str, str] = {}  # a move range's id as written → as renumbered
    for element in list(root.iter()):
        if not isinstance(element.tag, str):
            continue  # comments, processing instructions
        if element.tag in (f"{{{W}}}rsids", f"{{{W}}}rsid"):
            element.getparent().remove(element)
            continue
        for attr in list(element.attrib):
            local = etree.QName(attr).localname
            if local.startswith("rsid") or attr == f"{{{W}}}date":
                del element.attrib[attr]
        if element.tag in _REVISIONS and f"{{{W}}}id" in element.attrib:
            revision += 1
            range_ids[element.get(f"{{{W}}}id", "")] = str(revision)
            element.set(f"{{{W}}}id", str(revision))
        elif element.tag in _RANGE_ENDS:
            written = element.get(f"{{{W}}}id", "")
            element.set(f"{{{W}}}id", range_ids.get(written, written))
        if element.tag in (f"{{{DCTERMS}}}created", f"{{{DCTERMS}}}modified"):
            element.text = ""
        if element.tag in _AUTHORS and element.text == _LOGIN:
            element.text = "(login)"


def docx_xml_text(path: Path) -> str:
    """The normalised XML parts of the .docx at ``path``, one after another, as text."""
    template = _template_parts()
    with zipfile.ZipFile(path) as z:
        names = sorted(z.namelist())
        parts = {
            name: etree.fromstring(z.read(name))
            for name in names
            if name.endswith((".xml", ".rels")) and template.get(name) != z.read(name)
        }
    if "word/styles.xml" in parts:
        others = [root for name, root in parts.items() if name != "word/styles.xml"]
        _keep_styles_in_use(parts["word/styles.xml"], _used_style_ids(others))
    chunks = ["<!-- parts: " + " ".join(names) + " -->"]
    for name, root in parts.items():
        _normalise(root)
        etree.indent(root, space=" ")
        chunks.append(f"<!-- {name} -->")
        chunks.append(etree.tostring(root, encoding="unicode"))
    return "\n".join(chunks) + "\n"


def assert_matches_golden(path: Path, golden_name: str) -> None:
    """Fail, with a diff, unless the .docx at ``path`` gives ``tests/golden/<golden_name>``.

    With ``UPDATE_GOLDEN=1`` in the environment the golden file is written instead.
    """
    actual = docx_xml_text(path)
    golden = GOLDEN_DIR / golden_name
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(actual, encoding="utf-8")
    if not golden.is_file():
        raise AssertionError(f"no golden file {golden}: run with UPDATE_GOLDEN=1 to write it")
    expected = golden.read_text(encoding="utf-8")
    if actual != expected:
        diff = difflib.unified_diff(
            expected.splitlines(), actual.splitlines(), str(golden), str(path), lineterm="", n=2
        )
        shown = list(diff)
        more = f"\n… {len(shown) - 80} more diff lines" if len(shown) > 80 else ""
        raise AssertionError(
            f"{path.name} differs from {golden_name} (UPDATE_GOLDEN=1 rewrites it after a"
            " deliberate change):\n" + "\n".join(shown[:80]) + more
        )
