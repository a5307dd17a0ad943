"""The small Markdown subset of steps, split into sentences for display and speech.

Each sentence is one unit: displayed in its own span, spoken as its own audio clip, so the
sentence being read can be highlighted.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[\"«(A-ZÀ-ÖØ-Þ0-9*])")
_BOLD = re.compile(r"\*\*(.+?)\*\*")


@dataclass(frozen=True)
class Block:
    """A paragraph or a list item, as a list of sentences in inline Markdown."""

    sentences: tuple[str, ...]
    is_list_item: bool = False


def split_sentences(text: str) -> list[str]:
    """Split a paragraph into sentences; abbreviations rarely matter in FALC texts."""
    text = " ".join(text.split())
    return [s for s in _SENTENCE_END.split(text) if s]


def parse_blocks(markdown: str) -> list[Block]:
    """Paragraphs are separated by blank lines; lines starting with '- ' are list items."""
    blocks: list[Block] = []
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            blocks.append(Block(tuple(split_sentences(" ".join(paragraph)))))
            paragraph.clear()

    for raw in markdown.splitlines():
        line = raw.strip()
        if not line:
            flush()
        elif line.startswith(("- ", "* ")):
            flush()
            blocks.append(Block(tuple(split_sentences(line[2:])), is_list_item=True))
        else:
            paragraph.append(line)
    flush()
    return blocks


def plain(sentence: str) -> str:
    """A sentence without Markdown marks, as it is spoken."""
    return _BOLD.sub(r"\1", sentence)


def spoken_sentences(markdown: str) -> list[str]:
    return [plain(s) for block in parse_blocks(markdown) for s in block.sentences]


def to_html(markdown: str, highlight: int | None = None, highlight_style: str = "") -> str:
    """Render the subset to Qt rich text; sentence number ``highlight`` gets ``highlight_style``."""
    parts: list[str] = []
    index = 0
    in_list = False
    for block in parse_blocks(markdown):
        spans = []
        for sentence in block.sentences:
            body = _BOLD.sub(r"<b>\1</b>", html.escape(sentence, quote=False))
            if index == highlight:
                body = f'<span style="{highlight_style}">{body}</span>'
            spans.append(body)
            index += 1
        content = " ".join(spans)
        if block.is_list_item and not in_list:
            parts.append("<ul>")
            in_list = True
        elif not block.is_list_item and in_list:
            parts.append("</ul>")
            in_list = False
        parts.append(f"<li>{content}</li>" if block.is_list_item else f"<p>{content}</p>")
    if in_list:
        parts.append("</ul>")
    return "".join(parts)
