import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bulletin.settings.production")

application = get_wsgi_application()

# gunicorn loads this module once and forks its workers from it (preload_app): with the search
# dictionary already in memory, a new worker's first search is as fast as any other, instead of
# several workers loading it at once on their first searches while readers wait.
from search.text import segmenter  # noqa: E402  (needs the app registry set up above)

segmenter.load_dictionary()
