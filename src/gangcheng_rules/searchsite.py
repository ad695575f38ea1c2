"""Site search assets (index + worker) written into the built site. Filled in by the search work (issue 4)."""

from __future__ import annotations

from pathlib import Path

from .model import Corpus


def write_site_search(corpus: Corpus, site_dir: Path) -> None:
    """Write the search index and worker into site_dir (called from the MkDocs hook's on_post_build)."""
