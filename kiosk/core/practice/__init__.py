"""Offline practice: simulated pages, fake identities, and kind checks of what is typed."""
