"""Frontlines: sourced, geocoded, dated conflict events and district control from news text."""

__version__ = "0.1.0"
EXTRACTOR_VERSION = f"frontlines-extract/{__version__}"
