from django.conf.locale.sq.formats import *  # noqa: F403 - Django's formats, adjusted below

DATE_FORMAT = "j E Y"  # 27 nëntor 2026
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j E"
DATETIME_FORMAT = "j E Y, H:i"
# Django's Albanian formats name the separators but do not group: "3000" beside Serbian "3.000".
NUMBER_GROUPING = 3
