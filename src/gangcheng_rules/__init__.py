"""济南市钢城区人民政府工作规则 as data: load, validate, export, render and search."""

SCHEMA_VERSION = "2.0"

from .model import Article, Corpus, Document, Item, Norm, Paragraph  # noqa: E402
from .problems import DataError, Problem  # noqa: E402
from .project import Project, ProjectNotFound  # noqa: E402

__all__ = [
    "Article",
    "Corpus",
    "DataError",
    "Document",
    "Item",
    "Norm",
    "Paragraph",
    "Problem",
    "Project",
    "ProjectNotFound",
    "from_bundle",
    "load",
]


def load(root=None):
    """Load, validate and return the corpus as frozen model objects.

    root is a Project or the path of a checkout (holding data/ and schema/); None finds the checkout from the
    current directory upwards (ProjectNotFound if there is none). The data is checked against that checkout's
    own schemas. Raises DataError (with every Problem found) if the data is not valid.
    """
    from .build import load_corpus  # on first use: validation brings in jsonschema and jieba

    return load_corpus(root)


def from_bundle(bundle):
    """The Corpus of an exported rules.json object (json.load of the file): the same frozen objects as load()."""
    from .build import from_bundle as build_from_bundle

    return build_from_bundle(bundle)
