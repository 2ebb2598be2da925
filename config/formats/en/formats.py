from django.conf.locale.en.formats import *  # noqa: F403 - Django's formats, adjusted below

# British usage, as the programme writes English: 5 December 2026 (not "Dec. 5, 2026").
DATE_FORMAT = "j F Y"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
DATETIME_FORMAT = "j F Y, H:i"
