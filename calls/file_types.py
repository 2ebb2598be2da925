"""Which kinds of file a call's upload field accepts: one list that drives the check, the browser's
``accept`` attribute and the sentence the applicant reads, so the three can never disagree."""

from django.utils.translation import gettext_lazy as _

# Detected kind (filetype's extension) → the file-name extensions it may carry.
EXTENSIONS = {
    "pdf": ("pdf",),
    "docx": ("docx",),
    "odt": ("odt",),
    "xlsx": ("xlsx",),
    "ods": ("ods",),
    "jpg": ("jpg", "jpeg"),
    "png": ("png",),
}
NAMES = {"jpg": "JPEG"}  # how a kind is named to applicants; otherwise its extension in capitals

# The choices an editor has for a file field (stored value → label, kinds).
DOCUMENTS = "documents"
BUDGET = "budget"
SCANS = "scans"
ANY = "any"
SETS = {
    DOCUMENTS: (_("Documents: PDF, DOCX, ODT"), ("pdf", "docx", "odt")),
    BUDGET: (
        _("Documents and spreadsheets: PDF, DOCX, ODT, XLSX, ODS"),
        ("pdf", "docx", "odt", "xlsx", "ods"),
    ),
    SCANS: (_("Scans and photos: PDF, JPEG, PNG"), ("pdf", "jpg", "png")),
    ANY: (_("Any of these: PDF, DOCX, ODT, XLSX, ODS, JPEG, PNG"), tuple(EXTENSIONS)),
}
CHOICES = [(value, label) for value, (label, _kinds) in SETS.items()]


def kinds_of(set_name):
    """The kinds of a stored choice (every accepted kind for an unknown or empty one)."""
    return SETS.get(set_name or ANY, SETS[ANY])[1]


def accept_attribute(kinds):
    """The ``accept`` attribute of a file input: ``.pdf,.docx``."""
    return ",".join(f".{extension}" for kind in kinds for extension in EXTENSIONS[kind])


def describe(kinds):
    """``PDF, DOCX, ODT`` — the names an applicant knows the kinds by."""
    return ", ".join(NAMES.get(kind, kind.upper()) for kind in kinds)
