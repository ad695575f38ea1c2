"""Modal cue detection for the coverage check: which words in the text mark a norm.

jieba decides word boundaries so that 要 inside 重要/主要/需要 or 应 inside 应到人数 is not a cue,
while compounds jieba keeps whole but which start with a cue (应由, 须报, 要带头) still count.
"""

from __future__ import annotations

import functools
import re

from .jiebadict import dictionary

# Longest first: a token is matched against the longest cue it starts with.
CUES = ("应当", "必须", "方可", "可以", "不得", "一律", "严禁", "应", "须", "可", "要")

# Dictionary words that start with a cue character but carry no modality.
NON_MODAL = frozenset(
    """要求 要素 要点 要害 要件 要务 要事 要道 要闻 要职 要紧 要么 要是 要不 应到 应到人数 应用 应对 应急 应届
    应聘 应邀 应有 应变 应酬 应答 应征 应诉 应和 应声 应付 应战 可行 可行性 可持续 可能 可能性 可见 可靠 可观
    可比 可口 可爱 可怕 可惜 可笑 可谓 可是 可否 须知 一律平等""".split()
)


@functools.lru_cache(maxsize=4096)
def find_cues(text: str) -> tuple[tuple[int, int, str], ...]:
    """(start, end, cue) for every modal cue in text, in order.

    Remembered by text (segmenting is most of the coverage check's time): the check asks twice of a text,
    and a rebuild or a check of a changed copy of the data asks again of every text that did not change."""
    out = []
    for token, start, _end in dictionary().tokenize(text, HMM=False):
        for cue in CUES:
            if token.startswith(cue):
                # jieba may split a non-modal word (可|持续), so judge by the text that follows too
                if not any(text.startswith(w, start) for w in NON_MODAL):
                    if cue == "可" and text[start - 1 : start] == "方":  # jieba reads 后方|可 in 后方可
                        out.append((start - 1, start + 1, "方可"))
                    else:
                        out.append((start, start + len(cue), cue))
                break
    return tuple(out)


def spans(text: str, needle: str) -> list[tuple[int, int]]:
    return [(m.start(), m.start() + len(needle)) for m in re.finditer(re.escape(needle), text)] if needle else []
