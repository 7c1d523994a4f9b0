"""flashpoint's spaCy components and the pipeline that runs them."""
from __future__ import annotations

from flashpoint.nlp.extensions import register_extensions

register_extensions()
