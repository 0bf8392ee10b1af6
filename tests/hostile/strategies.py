"""Generated reader input: what a search box, a hand-edited URL or a scanner can send."""

from hypothesis import strategies as st

# Fragments with a meaning to some layer: FTS5 and tsquery syntax, Elasticsearch query strings,
# SQL, LIKE wildcards, HTML, and text our Chinese handling must cope with.
TRICKY = [
    '"',
    "'",
    "\\",
    "%",
    "_",
    "*",
    "^",
    "~",
    "-",
    "+",
    ":",
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    "/",
    "AND",
    "OR",
    "NOT",
    "NEAR(",
    "NEAR(a b, 2)",
    '" AND OR NEAR( * ^',
    "a*",
    "*a",
    "^2",
    "title:x",
    "'; DROP TABLE wagtailcore_page; --",
    "1' OR '1'='1",
    "%00",
    "\x00",
    "\x1b[31m",
    "\r\n",
    "\t",
    "<x-probe>",
    "</title><x-probe>",
    "&amp;",
    "&#60;",
    "javascript:",
    "{{ 1 }}",
    "{% now %}",
    "助残",
    "城管",
    "上街区",
    "𠮷野家",
    "🙂",
    "\u200b",
    "\u202e",
    "\ufeff",
    "ｆｕｌｌ",
    "\ud7ff",
    "９９",
    "-1",
    "0",
    "1e309",
    "NaN",
    "9" * 40,
]

tricky = st.sampled_from(TRICKY)
any_text = st.text(st.characters(codec="utf-8"), max_size=60)  # control characters and NUL included

query = st.one_of(
    any_text,
    st.lists(st.one_of(tricky, any_text), min_size=1, max_size=6).map(" ".join),
    st.lists(tricky, min_size=1, max_size=8).map("".join),
    st.builds(
        lambda fragment, count: fragment * count, st.sampled_from(["助残", "a ", "(", '"']), st.integers(200, 3000)
    ),
)

number = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.sampled_from(["", "0", "-1", "1.5", "1e3", "0x10", " 2", "２", "NaN", "inf", "9" * 400]),
    any_text,
)

slug = st.one_of(any_text, tricky, st.lists(tricky, max_size=5).map("".join))
