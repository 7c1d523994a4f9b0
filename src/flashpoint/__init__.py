"""flashpoint: news articles to political event data, every event traced to its sentence."""
from __future__ import annotations

__version__ = "0.1.0"
