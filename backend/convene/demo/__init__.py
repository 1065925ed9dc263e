"""Realistic demo data for trying Convene out (``convene demo``)."""
