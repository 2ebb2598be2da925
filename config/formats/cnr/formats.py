# Django has no Montenegrin locale; Montenegrin writes dates and numbers as Serbian Latin does.
from django.conf.locale.sr_Latn.formats import *  # noqa: F403 - adjusted below

DATE_FORMAT = "j. E Y."  # 27. novembra 2026.
YEAR_MONTH_FORMAT = "F Y."
MONTH_DAY_FORMAT = "j. E"
DATETIME_FORMAT = "j. E Y. H:i"
