from django.conf.locale.hr.formats import *  # noqa: F403 - Django's formats, adjusted below

DATE_FORMAT = "j. E Y."  # day, month in the genitive, year
YEAR_MONTH_FORMAT = "F Y."
MONTH_DAY_FORMAT = "j. E"
DATETIME_FORMAT = "j. E Y. H:i"
