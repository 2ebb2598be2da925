"""Spreadsheet cells that are safe to open: what an applicant typed is shown, never run.

An answer such as ``=HYPERLINK(...)`` would otherwise become a live formula when staff open an
export (CSV injection), and a control character makes openpyxl refuse the whole workbook. As
Wagtail's own spreadsheet export does, XLSX cells are always written as text; CSV has no cell
types, so a value a spreadsheet program would read as a formula gets a leading apostrophe (the
OWASP advice). Control characters other than tab and line breaks are dropped in both.
"""

import re

from wagtail.contrib.forms.views import SubmissionsListView

# What openpyxl refuses (openpyxl.cell.cell.ILLEGAL_CHARACTERS_RE) and DEL.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def printable(value):
    """The value as text without control characters (tab and line breaks are kept)."""
    return CONTROL_CHARACTERS.sub("", "" if value is None else str(value))


def csv_cell(value):
    """A CSV cell that no spreadsheet program evaluates."""
    text = printable(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def xlsx_row(sheet, values):
    """Write-only XLSX cells, each forced to text."""
    from openpyxl.cell import WriteOnlyCell

    cells = []
    for value in values:
        cell = WriteOnlyCell(sheet, printable(value))
        cell.data_type = "s"  # openpyxl reads "=…" as a formula otherwise
        cells.append(cell)
    return cells


class SafeSubmissionsListView(SubmissionsListView):
    """Wagtail's form submissions list, whose CSV and XLSX exports are safe as above."""

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        if not isinstance(value, str):
            return value
        return csv_cell(value) if export_format == self.FORMAT_CSV else printable(value)
