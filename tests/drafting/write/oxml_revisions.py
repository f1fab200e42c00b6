"""Accept or reject every revision of a written .docx in pure Python, over its XML: the check
the 修改稿 tests make on every version pair (Word's and LibreOffice's "accept all" / "reject
all", see ``oxml.revisions.revised_paragraphs`` for the rules), and the texts to compare with.
"""

from __future__ import annotations

from pathlib import Path

import docx
from docx.oxml.ns import qn

from drafting.model.units import Draft
from drafting.write.layout import house_layout, table_grid
from drafting.write.oxml.revisions import revised_body


def body_paragraphs(path: Path) -> list:  # type: ignore[type-arg]
    """The w:p elements of a .docx body, in order (not those inside its tables' cells)."""
    return list(docx.Document(str(path)).element.body.findall(qn("w:p")))


def accepted(path: Path) -> list[str]:
    """The paragraphs of the document at ``path`` with every revision accepted."""
    return revised_body(docx.Document(str(path)).element.body, accept=True)


def rejected(path: Path) -> list[str]:
    """The paragraphs with every revision rejected."""
    return revised_body(docx.Document(str(path)).element.body, accept=False)


def laid_out(draft: Draft) -> list[str]:
    """The paragraphs of ``draft`` as the house layout prints them, with the 目录, 序言 and appendices."""
    return [block.text for block in house_layout(draft)]


# ---- the same through LibreOffice ---------------------------------------------------------------

#: A Basic macro: open a document hidden, accept or reject all tracked changes (the menu's own
#: commands), save it as UTF-8 text.
_MACRO = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1"
 script:language="StarBasic">
Sub Revise(inUrl As String, outUrl As String, command As String)
  Dim load(0) As New com.sun.star.beans.PropertyValue
  load(0).Name = &quot;Hidden&quot;
  load(0).Value = True
  doc = StarDesktop.loadComponentFromURL(inUrl, &quot;_blank&quot;, 0, load())
  helper = createUnoService(&quot;com.sun.star.frame.DispatchHelper&quot;)
  helper.executeDispatch(doc.getCurrentController().getFrame(), command, &quot;&quot;, 0, Array())
  Dim store(1) As New com.sun.star.beans.PropertyValue
  store(0).Name = &quot;FilterName&quot;
  store(0).Value = &quot;Text (encoded)&quot;
  store(1).Name = &quot;FilterOptions&quot;
  store(1).Value = &quot;UTF8,LF&quot;
  doc.storeToURL(outUrl, store())
  doc.close(True)
End Sub
</script:module>
"""


def libreoffice_profile(folder: Path) -> Path:
    """A LibreOffice user profile in ``folder`` holding the accept/reject macro (made once)."""
    import subprocess

    profile = folder / "lo-profile"
    module = profile / "user" / "basic" / "Standard" / "Module1.xba"
    if not module.exists():
        subprocess.run(
            ["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless",
             "--terminate_after_init"],
            check=True, capture_output=True, timeout=180,
        )  # fmt: skip
        module.write_text(_MACRO, encoding="utf-8")
    return profile


def libreoffice_revised(path: Path, profile: Path, *, accept: bool) -> list[str]:
    """The paragraphs of the .docx at ``path`` after LibreOffice's 接受全部 (or 拒绝全部)
    修订, read from the text it saves."""
    import subprocess

    out = path.with_name(f"{path.stem}-{'accepted' if accept else 'rejected'}.txt")
    command = ".uno:AcceptAllTrackedChanges" if accept else ".uno:RejectAllTrackedChanges"
    macro = f'macro:///Standard.Module1.Revise("{path.as_uri()}","{out.as_uri()}","{command}")'
    subprocess.run(
        ["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", "--invisible",
         macro],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    lines = out.read_text(encoding="utf-8").lstrip("\ufeff").split("\n")
    return lines[:-1] if lines and lines[-1] == "" else lines


def libreoffice_laid_out(d: Draft) -> list[str]:
    """What LibreOffice's text export shows for ``d``: a line per paragraph, a line per table
    cell of the Word grid (a cell continuing a vertical merge an empty line)."""
    lines: list[str] = []
    for block in house_layout(d):
        if block.table is None:
            lines.append(block.text)
        elif block.row == 0:
            height, width, places = table_grid(block.table)
            starts = {(r, c): cell for r, c, cell in places}
            covered: dict[tuple[int, int], tuple[int, int]] = {}
            for r, c, cell in places:
                for rr in range(r, min(r + cell.row_span, height)):
                    for cc in range(c, c + cell.col_span):
                        covered[(rr, cc)] = (r, c)
            for r in range(height):
                c = 0
                while c < width:
                    top = covered.get((r, c))
                    if top is None:
                        c += 1
                        continue
                    cell = starts[top]
                    lines.append(cell.text if top[0] == r else "")
                    c += cell.col_span
    return lines
