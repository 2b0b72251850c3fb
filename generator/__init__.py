"""Briefings: structured metadata about news articles in, a briefing website and PDFs out."""

__version__ = "0.1.0"
