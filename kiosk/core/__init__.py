"""Plain Python core: content, packs, sessions, settings. Never imports Qt."""
