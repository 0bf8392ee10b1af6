"""Marking what matched, in the original text (full-width letters and all), for result lists."""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

from . import text

SNIPPET_LENGTH = 120
LEAD_IN = 30


def match_spans(original, terms):
    """(start, end) spans of the original text where a term or one of its synonyms occurs."""
    normalized, offsets = text.normalize_with_offsets(original)
    spans = []
    for term in terms:
        for runs in term.variants:
            pattern = r"\s+".join(re.escape(run) for run in runs)
            for found in re.finditer(pattern, normalized):
                spans.append((offsets[found.start()], offsets[found.end() - 1] + 1))
    return _merge(spans)


def _merge(spans):
    merged = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def mark(original, spans, start=0, end=None):
    """HTML of original[start:end] with the spans inside it wrapped in <mark>."""
    end = len(original) if end is None else end
    parts, position = [], start
    for span_start, span_end in spans:
        span_start, span_end = max(span_start, start), min(span_end, end)
        if span_start >= span_end:
            continue
        parts.append(escape(original[position:span_start]))
        parts.append(f"<mark>{escape(original[span_start:span_end])}</mark>")
        position = span_end
    parts.append(escape(original[position:end]))
    return mark_safe("".join(parts))


def highlight(original, terms):
    return mark(original, match_spans(original, terms))


def snippet(texts, terms, length=SNIPPET_LENGTH):
    """A passage around the first match in the first of ``texts`` that has one, matches marked.

    A story that matched only in its title gets the beginning of its text instead.
    """
    texts = [" ".join(t.split()) for t in texts if t and t.strip()]
    for candidate in texts:
        spans = match_spans(candidate, terms)
        if spans:
            start = max(0, spans[0][0] - LEAD_IN)
            end = min(len(candidate), start + length)
            html = mark(candidate, spans, start, end)
            return mark_safe(("…" if start else "") + html + ("…" if end < len(candidate) else ""))
    if not texts:
        return ""
    first = texts[0]
    return mark_safe(escape(first[:length]) + ("…" if len(first) > length else ""))
