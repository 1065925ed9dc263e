"""Convene: meeting management and hybrid-session coordination for intergovernmental bodies."""

__version__ = "0.1.0"
