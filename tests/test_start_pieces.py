"""What a kiosk that works alone does not load: the room's link, the viewport's type look-up."""

from __future__ import annotations

import sys


def test_a_kiosk_without_a_broker_never_imports_the_rooms_link(window, monkeypatch):
    """paho-mqtt and the link cost about 8 MiB and 100 ms of the warm-up (docs/benchmarks.md):
    without a broker in the settings they are not imported at all."""
    for module in ("kiosk.room.kiosk_link", "kiosk.core.room_config"):
        monkeypatch.setitem(sys.modules, module, None)  # importing them would fail
    window.join_room()
    assert window.room is None


def test_a_broker_in_the_settings_still_joins_the_room(window):
    settings = window.services.settings
    settings.set("room_broker_host", "127.0.0.1", by="admin")
    settings.set("room_broker_port", 1, by="admin")  # nobody listens: the link keeps trying
    window.join_room()
    try:
        assert window.room is not None
    finally:
        window.room.stop()


def test_the_welcome_screens_scroll_area_has_a_viewport_made_in_python(window):
    """The viewport is ours (kiosk.ui.touch_scroll): PySide6 knows its type without a look-up
    through every class of QtWidgets, and it still scrolls what it holds."""
    area = window.welcome.findChild(type(window.player.scroll))
    from shiboken6 import createdByPython

    assert area is not None
    assert createdByPython(area.viewport())
    assert area.widget().parentWidget() is area.viewport()
    assert area.viewport().isVisible()


def test_qts_picture_cache_is_bounded_for_the_kiosk(qapp):
    """Qt's default picture cache (10 MiB) filled up as the steps went by: the kiosk's
    application bounds it (docs/benchmarks.md, "Qt's picture cache")."""
    from PySide6.QtGui import QPixmapCache

    from kiosk.ui.application import PIXMAP_CACHE_KIB, create_application

    QPixmapCache.setCacheLimit(10240)
    assert create_application() is qapp
    assert QPixmapCache.cacheLimit() == PIXMAP_CACHE_KIB < 10240
