"""济南市钢城区人民政府工作规则 as data: load, validate, export, render and search."""

SCHEMA_VERSION = "2.0"

# Import the `load` submodule before defining the `load()` function below: importing a submodule sets the
# package attribute of the same name, and it must not replace the function later.
from . import load as _load_module  # noqa: E402
from .model import Article, Corpus, Document, Item, Norm, Paragraph  # noqa: E402
from .problems import DataError, Problem  # noqa: E402

__all__ = ["Article", "Corpus", "DataError", "Document", "Item", "Norm", "Paragraph", "Problem", "load"]


def load(root=None):
    """Load, validate and return the corpus as frozen model objects.

    Raises DataError (with every Problem found) if the data is not valid.
    """
    return _load_module.load_corpus(root)
