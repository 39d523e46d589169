"""Text documents of the application (checklist, neighbour notice, §6-8 application) as A4 PDF pages.

Each document is a list of blocks (headings, paragraphs, bullet items, two-column rows);
:func:`document_pdf` lays them out on A4 portrait SVG pages (millimetres, so the PDF page
is A4) and CairoSVG + pypdf turn them into one PDF, text kept as text. Every page says in
its header that it is a draft to be checked and signed by the applicant.
"""

from __future__ import annotations

from dataclasses import dataclass

import svgwrite

from planner.export.pdf import merge_svgs
from planner.export.sheet import fmt, wrap
from planner.export.style import FONT_FAMILY, clean

A4_W, A4_H = 210.0, 297.0
MARGIN_L, MARGIN_R, TOP, BOTTOM = 25.0, 20.0, 30.0, 280.0
DRAFT = "UTKAST – kontrolleres og signeres av søker før innsending"
"""What every page of every document says at its top."""


@dataclass(frozen=True)
class Block:
    """One block of a document: ``kind`` is ``h1``, ``h2``, ``p``, ``item``, ``row`` or ``sign``."""

    kind: str
    text: str = ""
    value: str = ""


def h1(text: str) -> Block:
    return Block("h1", text)


def h2(text: str) -> Block:
    return Block("h2", text)


def p(text: str) -> Block:
    return Block("p", text)


def item(text: str, mark: str = "•") -> Block:
    return Block("item", text, mark)


def row(label: str, value: str) -> Block:
    return Block("row", label, value)


def sign(text: str) -> Block:
    return Block("sign", text)


SIZES = {"h1": 6.0, "h2": 4.2, "p": 3.4, "item": 3.4, "row": 3.4, "sign": 3.4}


def document_svgs(title: str, blocks: list[Block]) -> list[str]:
    """The document as A4 SVG pages."""
    pages: list[svgwrite.Drawing] = []
    width = A4_W - MARGIN_L - MARGIN_R
    state = {"y": BOTTOM + 1}

    def page() -> svgwrite.container.Group:
        dwg = svgwrite.Drawing(size=(f"{A4_W:g}mm", f"{A4_H:g}mm"), viewBox=f"0 0 {A4_W:g} {A4_H:g}",
                               debug=False)
        dwg.set_desc(clean(title))
        dwg.add(dwg.rect((0, 0), (A4_W, A4_H), fill="#ffffff"))
        g = dwg.add(dwg.g(font_family=FONT_FAMILY, fill="#000000"))
        g.add(dwg.text(DRAFT, insert=(fmt(MARGIN_L), "15"), font_size="3.2", font_weight="bold",
                       fill="#c0141c"))
        g.add(dwg.text(clean(title, 90), insert=(fmt(MARGIN_L), "20.5"), font_size="2.8", fill="#444444"))
        g.add(dwg.line((fmt(MARGIN_L), "23"), (fmt(A4_W - MARGIN_R), "23"), stroke="#000000",
                       stroke_width="0.3"))
        pages.append(dwg)
        state["g"] = g
        state["y"] = TOP
        return g

    def put(text: str, x: float, y: float, size: float, **kw: object) -> None:
        state["g"].add(pages[-1].text(text, insert=(fmt(x), fmt(y)), font_size=fmt(size), **kw))

    def need(h: float) -> None:
        if state["y"] + h > BOTTOM:
            page()

    for b in blocks:
        size = SIZES[b.kind]
        line_h = size * 1.4
        if b.kind in ("h1", "h2"):
            lines = wrap(clean(b.text, 400), width, size * 1.05)
            need(line_h * len(lines) + size * 2.0)
            state["y"] += size * (0.8 if b.kind == "h1" else 1.0)
            for text in lines:
                state["y"] += line_h
                put(text, MARGIN_L, state["y"], size, font_weight="bold")
            state["y"] += size * 0.5
        elif b.kind == "row":
            lines = wrap(clean(b.value, 1000), width - 55, size)
            need(line_h * max(len(lines), 1))
            state["y"] += line_h
            put(clean(b.text, 80), MARGIN_L, state["y"], size, fill="#444444")
            for k, text in enumerate(lines or [""]):
                put(text, MARGIN_L + 55, state["y"] + k * line_h, size)
            state["y"] += line_h * (max(len(lines), 1) - 1)
        elif b.kind == "sign":
            need(line_h * 4)
            state["y"] += line_h * 3
            state["g"].add(pages[-1].line((fmt(MARGIN_L), fmt(state["y"])),
                                          (fmt(MARGIN_L + 80), fmt(state["y"])), stroke="#000000",
                                          stroke_width="0.25"))
            put(clean(b.text, 120), MARGIN_L, state["y"] + 4.5, size * 0.9)
            state["y"] += line_h
        else:
            indent = 6.0 if b.kind == "item" else 0.0
            lines = wrap(clean(b.text, 3000), width - indent, size)
            need(line_h * len(lines) + (0 if b.kind == "item" else size * 0.6))
            for k, text in enumerate(lines):
                state["y"] += line_h
                if k == 0 and b.kind == "item":
                    put(clean(b.value, 4), MARGIN_L + 1, state["y"], size)
                put(text, MARGIN_L + indent, state["y"], size)
            if b.kind == "p":
                state["y"] += size * 0.6
    if not pages:
        page()
    n = len(pages)
    for k, dwg in enumerate(pages, start=1):
        dwg.add(dwg.text(f"Side {k} av {n}", insert=(fmt(A4_W - MARGIN_R), "290"), font_size="2.8",
                         text_anchor="end", font_family=FONT_FAMILY, fill="#444444"))
    return [d.tostring() for d in pages]


def document_pdf(title: str, blocks: list[Block]) -> bytes:
    """The document as an A4 PDF."""
    return merge_svgs(document_svgs(title, blocks), title=title)


def document_text(title: str, blocks: list[Block]) -> str:
    """The same document as plain text (Markdown), to edit before it is signed."""
    out = [f"_{DRAFT}_", "", f"# {clean(title, 200)}", ""]
    for b in blocks:
        if b.kind == "h1":
            out += [f"## {clean(b.text, 400)}", ""]
        elif b.kind == "h2":
            out += [f"### {clean(b.text, 400)}", ""]
        elif b.kind == "row":
            out.append(f"- **{clean(b.text, 80)}:** {clean(b.value, 1000)}")
        elif b.kind == "item":
            out.append(f"- {'[ ] ' if b.value == '☐' else ''}{clean(b.text, 3000)}")
        elif b.kind == "sign":
            out += ["", "______________________________", clean(b.text, 120), ""]
        else:
            out += [clean(b.text, 3000), ""]
    return "\n".join(out).rstrip() + "\n"
