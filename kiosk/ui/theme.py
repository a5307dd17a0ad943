"""Colours and sizes of the kiosk: large text, large targets, contrast ≥ 7:1.

Every (text, background) pair used in the style sheet is listed in ``TEXT_PAIRS`` so a test can
check its WCAG contrast.
"""

from __future__ import annotations

from typing import NamedTuple

from kiosk.core.text_size import TEXT_SCALES


class Palette(NamedTuple):
    """The colours of a theme (a NamedTuple: built 10× faster than a dataclass at start-up)."""

    name: str = "standard"
    text: str = "#1a1a1a"
    background: str = "#ffffff"
    soft_background: str = "#f2f4f8"
    primary: str = "#0b3d91"
    on_primary: str = "#ffffff"
    secondary_background: str = "#e6ecf7"
    tip_background: str = "#e4f3e8"
    tip_border: str = "#1e6b35"
    warning_background: str = "#fff1cc"
    warning_border: str = "#8a5a00"
    highlight: str = "#ffe36e"
    highlight_text: str = "#1a1a1a"
    focus: str = "#c2410c"
    border: str = "#5a6372"
    disabled_text: str = "#3d4452"
    card_paper: str = "#eaf4ec"
    sheet_paper: str = "#fdfdf8"
    overlay: str = "rgba(255, 255, 255, 245)"


STANDARD = Palette()
# White and yellow on black: for people who see contrast poorly or are dazzled by white.
HIGH_CONTRAST = Palette(
    name="high_contrast",
    text="#ffffff",
    background="#000000",
    soft_background="#121212",
    primary="#ffff00",
    on_primary="#000000",
    secondary_background="#000000",
    tip_background="#002200",
    tip_border="#00ff66",
    warning_background="#2a1c00",
    warning_border="#ffb000",
    highlight="#ffff00",
    highlight_text="#000000",
    focus="#00ffff",
    border="#ffffff",
    disabled_text="#b0b0b0",
    card_paper="#000000",
    sheet_paper="#000000",
    overlay="rgba(0, 0, 0, 245)",
)
PALETTES = {p.name: p for p in (STANDARD, HIGH_CONTRAST)}
_active = STANDARD


def palette() -> Palette:
    """The palette in use: the kiosk shows one screen, in one theme, at a time."""
    return _active


def set_palette(new: Palette) -> None:
    global _active
    _active = new


def text_pairs(p: Palette) -> dict[str, tuple[str, str]]:
    """(foreground, background) pairs for text; each must reach 7:1."""
    return {
        "body": (p.text, p.background),
        "soft": (p.text, p.soft_background),
        "primary button": (p.on_primary, p.primary),
        "secondary button": (p.primary, p.secondary_background),
        "link-like text": (p.primary, p.background),
        "tip box": (p.text, p.tip_background),
        "warning box": (p.text, p.warning_background),
        "highlighted sentence": (p.highlight_text, p.highlight),
        "disabled button": (p.disabled_text, p.soft_background),
        "paper card": (p.text, p.card_paper),
        "paper sheet": (p.text, p.sheet_paper),
    }


def ui_pairs(p: Palette) -> dict[str, tuple[str, str]]:
    """Non-text parts (focus ring, borders) need 3:1 against what is next to them."""
    return {
        "focus ring": (p.focus, p.background),
        "focus ring on secondary": (p.focus, p.secondary_background),
        "focus ring on primary button": (p.focus, p.on_primary),
        "field border": (p.border, p.background),
    }


# Kept for the standard theme's tests and for readers of this module.
PALETTE = STANDARD
TEXT_PAIRS = text_pairs(STANDARD)
UI_PAIRS = ui_pairs(STANDARD)

BODY_PT = 20
TITLE_PT = 28
BIG_TITLE_PT = 40
BUTTON_MIN_HEIGHT = 88
FONT_FAMILY = "DejaVu Sans"


BUTTON_GROWTH = 0.3  # buttons grow 30 % of what texts grow: 26 pt at 200 %


def font_sizes(scale: float) -> dict[str, int]:
    """Point sizes at this text scale (100 % to 200 %).

    Texts to read double. Button labels grow less (20 pt → 26 pt), so that a row of buttons
    stays on a 1024 px screen; 26 pt still gives a capital H of 25 px, above the 6.1 mm
    (24 px at 0.25 mm a pixel) that EN 301 549 clause 5.1.4 asks of closed functionality.
    """
    scale = min(max(scale, TEXT_SCALES[0]), TEXT_SCALES[-1])
    return {
        "body": round(BODY_PT * scale),
        "title": round(TITLE_PT * scale),
        "big_title": round(BIG_TITLE_PT * scale),
        "button": round(BODY_PT * (1 + BUTTON_GROWTH * (scale - 1))),
    }


def highlight_style() -> str:
    """How the sentence being read is marked in the text."""
    return f"background-color: {_active.highlight}; color: {_active.highlight_text};"


def application_style() -> str:
    """Colours and shapes for the whole window; sizes of the reading area come separately."""
    p = _active
    return f"""
    QWidget {{ color: {p.text}; background-color: {p.background};
               font-family: "{FONT_FAMILY}"; font-size: {BODY_PT}pt; }}
    QWidget#toolbar {{ background-color: {p.soft_background};
                       border-bottom: 2px solid {p.border}; }}
    QWidget#toolbar QLabel {{ background-color: {p.soft_background}; }}
    QLabel#text_level {{ font-weight: bold; padding: 0 4px; }}
    QPushButton {{ min-height: {BUTTON_MIN_HEIGHT}px; padding: 4px 20px; border-radius: 12px;
                   color: {p.primary}; background-color: {p.secondary_background};
                   border: 3px solid {p.primary}; font-weight: bold; }}
    QPushButton[role="primary"] {{ color: {p.on_primary}; background-color: {p.primary};
                                   border: 3px solid {p.primary}; }}
    QPushButton:checked {{ color: {p.on_primary}; background-color: {p.primary}; }}
    QPushButton:disabled {{ color: {p.disabled_text}; background-color: {p.soft_background};
                            border-color: {p.disabled_text}; }}
    QPushButton:focus {{ border: 6px solid {p.focus}; padding: 1px 17px; }}
    QPushButton:pressed {{ background-color: {p.soft_background}; color: {p.text}; }}
    QPushButton[role="tile"] {{ text-align: left; padding: 12px 20px; }}
    QPushButton[role="tile"] QLabel {{ background: transparent; border: none; }}
    QLineEdit {{ min-height: {BUTTON_MIN_HEIGHT - 16}px; padding: 4px 16px;
                 border: 3px solid {p.border}; border-radius: 10px; }}
    QLineEdit:focus {{ border: 6px solid {p.focus}; }}
    QLabel[role="tip"] {{ background-color: {p.tip_background};
                          border-left: 10px solid {p.tip_border}; padding: 16px; }}
    QLabel[role="warning"] {{ background-color: {p.warning_background};
                              border-left: 10px solid {p.warning_border}; padding: 16px; }}
    QLabel[role="notice"] {{ background-color: {p.warning_background}; padding: 12px; }}
    QProgressBar {{ border: 2px solid {p.border}; border-radius: 8px; min-height: 24px;
                    max-height: 24px; background-color: {p.soft_background}; }}
    QProgressBar::chunk {{ background-color: {p.primary}; border-radius: 6px; }}
    QScrollArea {{ border: none; }}
    QFrame#idle_warning, QFrame#chooser {{ background-color: {p.overlay}; }}
    QWidget#help_band {{ background-color: {p.focus}; }}
    QWidget#help_banner, QWidget#stuck_offer {{ background-color: {p.warning_background};
                                                border-bottom: 3px solid {p.warning_border}; }}
    QWidget#help_banner QLabel, QWidget#stuck_offer QLabel {{
        background-color: {p.warning_background}; font-weight: bold; }}
    QToolButton#help-call {{ border-color: {p.focus}; }}
    QFrame#keyboard {{ background-color: {p.soft_background}; border-top: 3px solid {p.border}; }}
    QFrame#keyboard QPushButton {{ padding: 0; min-width: 72px; }}
    QFrame#simulated_page {{ border: 3px solid {p.border}; border-radius: 12px;
                             background-color: {p.background}; }}
    QLabel#site_header {{ background-color: {p.soft_background}; padding: 12px 20px;
                          font-weight: bold; border-bottom: 2px solid {p.border}; }}
    QLabel#simulation_banner {{ background-color: {p.warning_background}; padding: 10px 20px;
                                font-weight: bold; }}
    QLabel[role="exhibit"] {{ background-color: {p.soft_background};
                              border: 2px solid {p.border}; border-radius: 16px; padding: 16px; }}
    QLabel[role="success"] {{ background-color: {p.tip_background}; padding: 16px;
                              font-weight: bold; }}
    QLabel[role="feedback"] {{ background-color: {p.warning_background}; padding: 12px; }}
    QPushButton[role="link"] {{ border: none; background: transparent;
                                text-decoration: underline; text-align: left; }}
    QPushButton[role="link"] QLabel {{ background: transparent; border: none;
                                       color: {p.primary}; text-decoration: underline; }}
    QPushButton[role="link"]:focus {{ border: 6px solid {p.focus}; }}
    QToolButton {{ min-height: {BUTTON_MIN_HEIGHT}px; padding: 4px 6px; border-radius: 12px;
                   color: {p.primary}; background-color: {p.secondary_background};
                   border: 3px solid {p.primary}; font-weight: bold; }}
    QToolButton:focus {{ border: 6px solid {p.focus}; padding: 1px 3px; }}
    QToolButton:checked {{ color: {p.on_primary}; background-color: {p.primary}; }}
    QToolButton:disabled {{ color: {p.disabled_text}; background-color: {p.soft_background};
                            border-color: {p.disabled_text}; }}
    QScrollBar:vertical {{ width: 28px; background: {p.soft_background}; margin: 0; }}
    QScrollBar::handle:vertical {{ background: {p.border}; border-radius: 10px;
                                   min-height: 80px; margin: 4px; }}
    QScrollBar::add-line:vertical, QScrollBar::sub-line:vertical {{ height: 0; }}
    QScrollBar::add-page:vertical, QScrollBar::sub-page:vertical {{ background: none; }}
    """


def reading_style(scale: float) -> str:
    """Font sizes of the whole window, scaled by A+ / A− (see ``font_sizes``).

    The texts of tiles are labels, so they grow as texts do; the toolbar's level ("Texte :
    150 %") and its buttons grow as buttons do.
    """
    sizes = font_sizes(scale)
    return f"""
    QLabel, QLineEdit {{ font-size: {sizes["body"]}pt; }}
    QLabel[role="title"] {{ font-size: {sizes["title"]}pt; font-weight: bold; }}
    QLabel[role="big_title"] {{ font-size: {sizes["big_title"]}pt; font-weight: bold; }}
    QPushButton, QToolButton, QLabel#text_level {{ font-size: {sizes["button"]}pt; }}
    """
