"""Wiring: builds the services and the window, and keeps the kiosk alive (DESIGN.md "Layers").

Start-up checks (display, one kiosk per database, a damaged file), the log file, the crash
handler and the retention job live here, above the Qt widgets and the stores.
"""
