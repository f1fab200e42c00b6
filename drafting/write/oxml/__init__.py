"""Raw WordprocessingML helpers: element builders where python-docx has no API.

Kept apart from the house style, as python-docx keeps ``oxml/`` apart from its proxies: these
modules know the XML (schema order, attribute names) but no house numbers; ``house_docx`` and
the writers pass the numbers in from ``house_style``.

- ``elements``: find-or-create a child.
- ``fonts``: w:rFonts with East Asian fonts and no theme fonts.
- ``paragraph``: w:pPr children in schema order (spacing, indent, outline level), w:p and w:r.
- ``fields``: the PAGE field of a footer.
- ``section``: the line grid of a section.
- ``styles``: document defaults and the theme font language.
- ``table``: repeated header rows.
- ``revisions``: tracked changes (w:ins, w:del) written and read back.
- ``package``: font table, core and app properties, template parts dropped.
"""
