#!/usr/bin/env python3
"""Writes the demo draft as a Word file: data/consultations/du-thao-nghi-quyet-ho-tro.docx, from the
plain text of the same draft (du-thao-nghi-quyet-ho-tro.txt next to it), laid out as a drafting
agency's .docx usually is: Times New Roman 14 pt on A4, bold headings, the table of support rates
as a Word table, and the numbers made by Word's automatic numbering where drafters use it —
chapters "Chương %1" in Roman numerals on an otherwise empty paragraph, articles "Điều %1." through
a paragraph style, clauses "%2." and points "%3)" by direct numbering in some articles; the other
clauses and points are typed (some with a tab after the number). The script checks that every
automatic number equals the typed one in the text, so the .docx reads as the .txt does: the unit
tests split both and expect the same units (tests/unit/modules/consultations/draft_test.cpp).
Only python3's standard library; fixed timestamps, so the output is byte-for-byte reproducible.
Usage: scripts/make-demo-docx.py [TEXT] [DOCX]"""
import re
import sys
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parents[1]
TEXT = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "data/consultations/du-thao-nghi-quyet-ho-tro.txt"
DOCX = Path(sys.argv[2]) if len(sys.argv) > 2 else TEXT.with_suffix(".docx")

AUTO_CLAUSES = {2, 5, 7, 8}  # articles whose clauses Word numbers
AUTO_POINTS = {5, 7}         # articles whose points Word numbers (a, b, c: Word knows no "đ")
TABBED_CLAUSES = {3}         # typed "1.<tab>text"
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
ROMAN = ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]


def run(text, bold=False, italic=False, size=None):
    props = ("<w:b/>" if bold else "") + ("<w:i/>" if italic else "") + (f'<w:sz w:val="{size}"/>' if size else "")
    parts = text.split("\t")
    body = "<w:tab/>".join(f'<w:t xml:space="preserve">{escape(p)}</w:t>' for p in parts)
    return f"<w:r>{'<w:rPr>' + props + '</w:rPr>' if props else ''}{body}</w:r>"


def para(runs, style=None, num=None, jc=None, first_line=None):
    ppr = ""
    if style:
        ppr += f'<w:pStyle w:val="{style}"/>'
    if num:
        ppr += f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>'
    if first_line is not None:
        ppr += f'<w:ind w:firstLine="{first_line}"/>'
    if jc:
        ppr += f'<w:jc w:val="{jc}"/>'
    return f"<w:p>{'<w:pPr>' + ppr + '</w:pPr>' if ppr else ''}{''.join(runs)}</w:p>"


def table(rows):
    grid = "".join('<w:gridCol w:w="2300"/>' for _ in rows[0])
    out = ['<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/></w:tblPr>',
           f"<w:tblGrid>{grid}</w:tblGrid>"]
    for i, cells in enumerate(rows):
        out.append("<w:tr>")
        for cell in cells:
            out.append('<w:tc><w:tcPr><w:tcW w:w="2300" w:type="dxa"/></w:tcPr>')
            out.append(para([run(cell, bold=i == 0, size=26)], jc="center" if i == 0 else None) + "</w:tc>")
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


def body(lines):
    out, rows = [], []
    chapter = article = clause = point = 0
    in_articles = closing = False
    after_chapter = False
    for line in lines:
        if line.startswith("|"):
            rows.append([c.strip() for c in line.strip().strip("|").split("|")])
            continue
        if rows:
            out.append(table(rows))
            rows = []
        m = re.fullmatch(r"Chương ([IVX]+)", line)
        if m:
            chapter += 1
            assert m.group(1) == ROMAN[chapter], line
            out.append(para([], num=(2, 0), jc="center"))
            in_articles, after_chapter = True, True
            continue
        if after_chapter:
            out.append(para([run(line, bold=True)], jc="center"))
            after_chapter = False
            continue
        m = re.fullmatch(r"Điều (\d+)\. (.*)", line)
        if m and not closing:
            article += 1
            clause = point = 0
            assert int(m.group(1)) == article, line
            out.append(para([run(m.group(2), bold=True)], style="Dieu"))
            continue
        if line.startswith("Nơi nhận"):
            closing = True
        m = re.fullmatch(r"(\d+)\. (.*)", line)
        if m and in_articles and not closing:
            clause += 1
            point = 0
            assert int(m.group(1)) == clause, line
            if article in AUTO_CLAUSES:
                out.append(para([run(m.group(2))], num=(1, 1), first_line=567))
            elif article in TABBED_CLAUSES:
                out.append(para([run(f"{m.group(1)}.\t{m.group(2)}")], first_line=567))
            else:
                out.append(para([run(f"{m.group(1)}. "), run(m.group(2))], first_line=567))
            continue
        m = re.fullmatch(r"([a-zđ])\) (.*)", line)
        if m and in_articles and not closing and article in AUTO_POINTS:
            point += 1
            assert m.group(1) == "abcd"[point - 1], line
            out.append(para([run(m.group(2))], num=(1, 2), first_line=567))
            continue
        if not in_articles:
            heading = line.isupper() or line.startswith(("Số:", "Độc lập"))
            italic = line.startswith(("Căn cứ", "Xét"))
            out.append(para([run(line, bold=heading, italic=italic)], jc="both" if italic else "center"))
        elif closing:
            signature = line.isupper() or line.startswith("TM.")
            out.append(para([run(line, bold=signature or line.startswith("Nơi nhận"), italic=line.startswith("Nơi nhận"),
                                 size=None if signature else 24)], jc="right" if signature else None))
        else:
            out.append(para([run(line)], first_line=567))
    if rows:
        out.append(table(rows))
    return "".join(out)


CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
<Default Extension="xml" ContentType="application/xml"/>\
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>\
<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>\
<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>\
<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>\
</Types>"""

RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>\
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>\
</Relationships>"""

DOCUMENT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>\
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>\
</Relationships>"""

CORE = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" \
xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" \
xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\
<dc:title>Dự thảo Nghị quyết quy định chính sách hỗ trợ chuyển đổi cơ cấu sản xuất nông nghiệp</dc:title>\
<dc:creator>Sở Nông nghiệp và Môi trường</dc:creator>\
<dcterms:created xsi:type="dcterms:W3CDTF">2025-09-01T08:00:00Z</dcterms:created>\
</cp:coreProperties>"""

STYLES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles {W}>\
<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:cs="Times New Roman"/>\
<w:sz w:val="28"/><w:lang w:val="vi-VN"/></w:rPr></w:rPrDefault>\
<w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="288" w:lineRule="auto"/><w:jc w:val="both"/></w:pPr></w:pPrDefault></w:docDefaults>\
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>\
<w:style w:type="paragraph" w:styleId="Dieu"><w:name w:val="Điều"/><w:basedOn w:val="Normal"/>\
<w:pPr><w:keepNext/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr><w:ind w:firstLine="567"/></w:pPr>\
<w:rPr><w:b/></w:rPr></w:style>\
<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:tblPr><w:tblBorders>\
<w:top w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:left w:val="single" w:sz="4" w:space="0" w:color="auto"/>\
<w:bottom w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:right w:val="single" w:sz="4" w:space="0" w:color="auto"/>\
<w:insideH w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="auto"/>\
</w:tblBorders></w:tblPr></w:style>\
</w:styles>"""

NUMBERING = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering {W}>\
<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="multilevel"/>\
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:pStyle w:val="Dieu"/><w:lvlText w:val="Điều %1."/>\
<w:suff w:val="space"/><w:lvlJc w:val="left"/><w:rPr><w:b/></w:rPr></w:lvl>\
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/><w:suff w:val="space"/>\
<w:lvlJc w:val="left"/></w:lvl>\
<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%3)"/><w:suff w:val="space"/>\
<w:lvlJc w:val="left"/></w:lvl></w:abstractNum>\
<w:abstractNum w:abstractNumId="1"><w:multiLevelType w:val="singleLevel"/>\
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="Chương %1"/><w:suff w:val="nothing"/>\
<w:lvlJc w:val="center"/><w:rPr><w:b/></w:rPr></w:lvl></w:abstractNum>\
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>\
<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>\
</w:numbering>"""


def document(lines):
    section = ('<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>'
               '<w:pgMar w:top="1134" w:right="851" w:bottom="1134" w:left="1701" w:header="709" w:footer="709" w:gutter="0"/>'
               "</w:sectPr>")
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document {W}><w:body>'
            f"{body(lines)}{section}</w:body></w:document>")


def main():
    lines = [l.strip() for l in TEXT.read_text(encoding="utf-8").splitlines() if l.strip()]
    parts = [("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", RELS), ("docProps/core.xml", CORE),
             ("word/document.xml", document(lines)), ("word/_rels/document.xml.rels", DOCUMENT_RELS),
             ("word/styles.xml", STYLES), ("word/numbering.xml", NUMBERING)]
    with zipfile.ZipFile(DOCX, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts:
            info = zipfile.ZipInfo(name, date_time=(2025, 9, 1, 8, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data.encode("utf-8"))
    print(f"{DOCX.relative_to(ROOT) if DOCX.is_relative_to(ROOT) else DOCX}: {len(lines)} paragraphs")


if __name__ == "__main__":
    main()
