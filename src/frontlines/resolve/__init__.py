"""Resolve stage: turn mentions into places, dates and actors."""
