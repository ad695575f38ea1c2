"""jieba's dictionary, loaded once per process and shared by every part of the build that segments text.

Loading it costs about a second (a 350,000-entry table). The cue check (cues.py) uses it as it is; the
search index (search.py) needs it plus the vocabularies' names, so it gets a copy of the table with
those words added, made without reading the dictionary again. The table loaded is jieba's global one,
so anything else that calls jieba in the same process reuses it too.
"""

from __future__ import annotations

import functools
import logging


@functools.cache
def dictionary():
    """jieba's default Tokenizer, initialised."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.dt.initialize()
    return jieba.dt


def with_words(words: tuple[str, ...]):
    """A Tokenizer with the dictionary's words and these (the shared one is left as it is)."""
    import jieba

    base = dictionary()
    tk = jieba.Tokenizer(base.dictionary)
    tk.FREQ, tk.total, tk.initialized = dict(base.FREQ), base.total, True
    for w in words:
        tk.add_word(w)
    return tk
