"""The whitespace of a finished page, collapsed (issue 10: first paint no later than stock mkdocs-material's).

The theme's templates indent every tag and leave blank lines behind every `{% if %}`: a third of a long
page's bytes. A browser shows a run of whitespace as one space (or none between blocks), so every run that
holds a line break becomes one line break, and the page looks and reads the same. Not inside <pre> and
<textarea> (where whitespace is shown as it is) nor <script> and <style> (code).

Why it matters: a page whose compressed HTML fits in TCP's first round trip (an initial congestion window
of 10 segments, about 14.6 kB) needs one round trip fewer before the browser has all of it. The chapter
page on meetings (第九章) is the longest chapter: 15.4 kB as sent with the indentation, 14.8 kB without, and
14.5 kB with the Chinese of __config unescaped (plugin.on_env) and the theme's dead palette script gone
(overrides/partials/javascripts/palette.html). scripts/pagespeed.py prints each page's size beside the limit.
"""

from __future__ import annotations

import re

# whitespace-sensitive elements, kept whole; else a whitespace run holding a line break
_RUN = re.compile(r"(<(pre|textarea|script|style)\b.*?</\2\s*>)|[ \t\r\f]*\n\s*", re.S | re.I)


def collapse(html: str) -> str:
    """`html` with every whitespace run that holds a line break made one line break (outside <pre>,
    <textarea>, <script>, <style>)."""
    return _RUN.sub(lambda m: m.group(1) or "\n", html)
