"""Pas à pas: a public kiosk that teaches online procedures step by step, without risk."""

__version__ = "0.1.0"
