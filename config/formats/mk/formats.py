from django.conf.locale.mk.formats import *  # noqa: F403 - Django's formats, adjusted below

DATE_FORMAT = "j E Y"  # 27 ноември 2026
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j E"
DATETIME_FORMAT = "j E Y, H:i"
