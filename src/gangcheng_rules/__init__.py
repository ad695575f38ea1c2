"""济南市钢城区人民政府工作规则 as data: load, validate, export, render and search."""

from .model import Article, Corpus, Document, Item, Obligation, Paragraph
from .problems import DataError, Problem

__all__ = ["Article", "Corpus", "DataError", "Document", "Item", "Obligation", "Paragraph", "Problem", "load"]

SCHEMA_VERSION = "1.0"


def load(root=None):
    """Load, validate and return the corpus as frozen model objects.

    Raises DataError (with every Problem found) if the data is not valid.
    """
    from .load import load_corpus

    return load_corpus(root)
