"""The admin mode's pages (after the admin PIN): settings, content packs, statistics."""
