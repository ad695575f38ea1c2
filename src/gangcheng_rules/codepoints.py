"""Characters a reader cannot see, named so a message can show them: `U+00A0 NO-BREAK SPACE`."""

from __future__ import annotations

import re
import unicodedata

# Control characters have no Unicode name, only aliases (NameAliases.txt), which unicodedata cannot look up
# in reverse; these are the standard aliases (unicodedata.lookup accepts every one of them).
_C0 = (
    "NULL|START OF HEADING|START OF TEXT|END OF TEXT|END OF TRANSMISSION|ENQUIRY|ACKNOWLEDGE|ALERT|BACKSPACE|"
    "CHARACTER TABULATION|LINE FEED|LINE TABULATION|FORM FEED|CARRIAGE RETURN|SHIFT OUT|SHIFT IN|DATA LINK ESCAPE|"
    "DEVICE CONTROL ONE|DEVICE CONTROL TWO|DEVICE CONTROL THREE|DEVICE CONTROL FOUR|NEGATIVE ACKNOWLEDGE|"
    "SYNCHRONOUS IDLE|END OF TRANSMISSION BLOCK|CANCEL|END OF MEDIUM|SUBSTITUTE|ESCAPE|INFORMATION SEPARATOR FOUR|"
    "INFORMATION SEPARATOR THREE|INFORMATION SEPARATOR TWO|INFORMATION SEPARATOR ONE"
).split("|")
_C1 = (
    "PADDING CHARACTER|HIGH OCTET PRESET|BREAK PERMITTED HERE|NO BREAK HERE|INDEX|NEXT LINE|START OF SELECTED AREA|"
    "END OF SELECTED AREA|CHARACTER TABULATION SET|CHARACTER TABULATION WITH JUSTIFICATION|LINE TABULATION SET|"
    "PARTIAL LINE FORWARD|PARTIAL LINE BACKWARD|REVERSE LINE FEED|SINGLE SHIFT TWO|SINGLE SHIFT THREE|"
    "DEVICE CONTROL STRING|PRIVATE USE ONE|PRIVATE USE TWO|SET TRANSMIT STATE|CANCEL CHARACTER|MESSAGE WAITING|"
    "START OF GUARDED AREA|END OF GUARDED AREA|START OF STRING|SINGLE GRAPHIC CHARACTER INTRODUCER|"
    "SINGLE CHARACTER INTRODUCER|CONTROL SEQUENCE INTRODUCER|STRING TERMINATOR|OPERATING SYSTEM COMMAND|"
    "PRIVACY MESSAGE|APPLICATION PROGRAM COMMAND"
).split("|")
CONTROL_NAMES = {**{chr(i): n for i, n in enumerate(_C0)}, "\x7f": "DELETE", **{chr(0x80 + i): n for i, n in enumerate(_C1)}}


def name(ch: str) -> str:
    """`U+000B LINE TABULATION`; characters without a name say what they are instead."""
    fallback = {"Cs": "<surrogate>", "Co": "<private use>", "Cn": "<unassigned>"}.get(unicodedata.category(ch), "<no name>")
    if 0xFDD0 <= ord(ch) <= 0xFDEF or (ord(ch) & 0xFFFE) == 0xFFFE:
        fallback = "<noncharacter>"
    return f"U+{ord(ch):04X} {CONTROL_NAMES.get(ch) or unicodedata.name(ch, fallback)}"


# Not allowed in any string of the data: control characters (Cc) other than the line feed, lone surrogates
# and noncharacters. None of them is text; XML cannot hold most of them, JSON and HTML only escaped.
FORBIDDEN = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef"
    + "".join(f"{chr(p * 0x10000 + 0xFFFE)}{chr(p * 0x10000 + 0xFFFF)}" for p in range(17))
    + "]"
)


def forbidden(ch: str) -> bool:
    return FORBIDDEN.match(ch) is not None


def invisible(ch: str) -> bool:
    """Shown by code point in messages: spaces, line breaks, format and control characters."""
    return unicodedata.category(ch)[0] in "ZC" or ch.isspace()


def visible(text: str, spaces: bool = False) -> str:
    """text with every invisible character replaced by its name in angle brackets: 会议⟨U+00A0 NO-BREAK SPACE⟩纪要.

    The plain space (U+0020) is named only if spaces is true: where it is the difference itself.
    """
    return "".join(f"⟨{name(c)}⟩" if invisible(c) and (spaces or c != " ") else c for c in text)
