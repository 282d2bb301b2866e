"""Glocal: city-diplomacy and international-cooperation intelligence."""

__version__ = "0.1.0"
