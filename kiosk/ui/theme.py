"""Colours and sizes of the kiosk: large text, large targets, contrast ≥ 7:1.

Every (text, background) pair used in the style sheet is listed in ``TEXT_PAIRS`` so a test can
check its WCAG contrast.
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.core.text_size import TEXT_SCALES


@dataclass(frozen=True)
class Palette:
    text: str = "#1a1a1a"
    background: str = "#ffffff"
    soft_background: str = "#f2f4f8"
    primary: str = "#0b3d91"
    on_primary: str = "#ffffff"
    secondary_background: str = "#e6ecf7"
    tip_background: str = "#e4f3e8"
    warning_background: str = "#fff1cc"
    warning_border: str = "#8a5a00"
    highlight: str = "#ffe36e"
    focus: str = "#c2410c"
    border: str = "#5a6372"


PALETTE = Palette()

# (foreground, background) pairs for text; each must reach 7:1.
TEXT_PAIRS: dict[str, tuple[str, str]] = {
    "body": (PALETTE.text, PALETTE.background),
    "soft": (PALETTE.text, PALETTE.soft_background),
    "primary button": (PALETTE.on_primary, PALETTE.primary),
    "secondary button": (PALETTE.primary, PALETTE.secondary_background),
    "link-like text": (PALETTE.primary, PALETTE.background),
    "tip box": (PALETTE.text, PALETTE.tip_background),
    "warning box": (PALETTE.text, PALETTE.warning_background),
    "highlighted sentence": (PALETTE.text, PALETTE.highlight),
    "disabled button": ("#3d4452", PALETTE.soft_background),
}
# Non-text parts (focus ring, borders) need 3:1 against the background (WCAG 1.4.11).
UI_PAIRS: dict[str, tuple[str, str]] = {
    "focus ring": (PALETTE.focus, PALETTE.background),
    "focus ring on secondary": (PALETTE.focus, PALETTE.secondary_background),
    "field border": (PALETTE.border, PALETTE.background),
    "focus ring on primary button": (PALETTE.focus, PALETTE.on_primary),
}

BODY_PT = 20
TITLE_PT = 28
BIG_TITLE_PT = 40
BUTTON_MIN_HEIGHT = 88
HIGHLIGHT_STYLE = f"background-color: {PALETTE.highlight};"
FONT_FAMILY = "DejaVu Sans"


def font_sizes(scale: float) -> dict[str, int]:
    """Point sizes for the reading area at this text scale (100 % to 200 %)."""
    scale = min(max(scale, TEXT_SCALES[0]), TEXT_SCALES[-1])
    return {
        "body": round(BODY_PT * scale),
        "title": round(TITLE_PT * scale),
        "big_title": round(BIG_TITLE_PT * scale),
    }


def application_style() -> str:
    """Colours and shapes for the whole window; sizes of the reading area come separately."""
    p = PALETTE
    return f"""
    QWidget {{ color: {p.text}; background-color: {p.background};
               font-family: "{FONT_FAMILY}"; font-size: {BODY_PT}pt; }}
    QWidget#toolbar {{ background-color: {p.soft_background};
                       border-bottom: 2px solid {p.border}; }}
    QWidget#toolbar QLabel {{ background-color: {p.soft_background}; }}
    QPushButton {{ min-height: {BUTTON_MIN_HEIGHT}px; padding: 4px 20px; border-radius: 12px;
                   color: {p.primary}; background-color: {p.secondary_background};
                   border: 3px solid {p.primary}; font-weight: bold; }}
    QPushButton[role="primary"] {{ color: {p.on_primary}; background-color: {p.primary};
                                   border: 3px solid {p.primary}; }}
    QPushButton:checked {{ color: {p.on_primary}; background-color: {p.primary}; }}
    QPushButton:disabled {{ color: #3d4452; background-color: {p.soft_background};
                            border-color: #3d4452; }}
    QPushButton:focus {{ border: 6px solid {p.focus}; }}
    QPushButton:pressed {{ background-color: {p.soft_background}; color: {p.text}; }}
    QPushButton[role="tile"] {{ text-align: left; padding: 12px 20px; }}
    QLineEdit {{ min-height: {BUTTON_MIN_HEIGHT - 16}px; padding: 4px 16px;
                 border: 3px solid {p.border}; border-radius: 10px; }}
    QLineEdit:focus {{ border: 6px solid {p.focus}; }}
    QLabel[role="tip"] {{ background-color: {p.tip_background}; border-left: 10px solid #1e6b35;
                          padding: 16px; }}
    QLabel[role="warning"] {{ background-color: {p.warning_background};
                              border-left: 10px solid {p.warning_border}; padding: 16px; }}
    QLabel[role="notice"] {{ background-color: {p.warning_background}; padding: 12px; }}
    QProgressBar {{ border: 2px solid {p.border}; border-radius: 8px; min-height: 24px;
                    max-height: 24px; background-color: {p.soft_background}; }}
    QProgressBar::chunk {{ background-color: {p.primary}; border-radius: 6px; }}
    QScrollArea {{ border: none; }}
    QScrollBar:vertical {{ width: 28px; background: {p.soft_background}; margin: 0; }}
    QScrollBar::handle:vertical {{ background: {p.border}; border-radius: 10px;
                                   min-height: 80px; margin: 4px; }}
    QScrollBar::add-line:vertical, QScrollBar::sub-line:vertical {{ height: 0; }}
    QScrollBar::add-page:vertical, QScrollBar::sub-page:vertical {{ background: none; }}
    """


def reading_style(scale: float) -> str:
    """Font sizes of the texts to read, scaled by A+ / A−.

    Buttons keep their own large size (20 pt bold, 88 px tall) so that they stay in place and
    never push each other off the screen; the texts of tiles are labels, so they grow.
    """
    sizes = font_sizes(scale)
    return f"""
    QLabel, QLineEdit {{ font-size: {sizes["body"]}pt; }}
    QLabel[role="title"] {{ font-size: {sizes["title"]}pt; font-weight: bold; }}
    QLabel[role="big_title"] {{ font-size: {sizes["big_title"]}pt; font-weight: bold; }}
    """
