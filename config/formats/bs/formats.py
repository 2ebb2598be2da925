from django.conf.locale.bs.formats import *  # noqa: F403 - Django's formats, adjusted below

DATE_FORMAT = "j. E Y."  # day, month in the genitive, year
YEAR_MONTH_FORMAT = "F Y."
MONTH_DAY_FORMAT = "j. E"
DATETIME_FORMAT = "j. E Y. H:i"
NUMBER_GROUPING = 3  # Django's Bosnian formats name the separators but do not group
