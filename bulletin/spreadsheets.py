"""Spreadsheets the admin hands out: no cell of ours runs as a formula when a download is opened.

Names editors type and queries readers search for go into the reports' downloads as they are.
A cell that starts with = + - @, a tab or a carriage return is a formula to Excel and WPS
(=HYPERLINK(...) sends whoever clicks it off the site; DDE formulas may run programs), so such a
cell is written with an apostrophe in front, as OWASP advises for CSV: shown as text, and the
apostrophe itself is not shown. Wagtail already keeps XLSX cells as text.
"""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralised(value):
    """``value`` as a spreadsheet cell that is never a formula (numbers are left as numbers)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return f"'{value}"
    return value


class FormulaSafeExportMixin:
    """For Wagtail's report views (SpreadsheetExportMixin): every CSV cell neutralised."""

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        return neutralised(value) if export_format == self.FORMAT_CSV else value
