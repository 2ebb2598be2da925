"""The production WSGI app, plus WhiteNoise over MEDIA_ROOT, for the Lighthouse benchmark only.

In production the proxy serves /media/; here nothing else does, and Lighthouse must load the
images a reader would. ``autorefresh`` because renditions are created while pages render.
"""

from django.conf import settings
from whitenoise import WhiteNoise

from config.wsgi import application as django_application

application = WhiteNoise(django_application, autorefresh=True)
application.add_files(str(settings.MEDIA_ROOT), prefix=settings.MEDIA_URL)
