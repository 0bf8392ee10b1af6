from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path, register_converter
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from bulletin.slugs import UnicodeSlugConverter

register_converter(UnicodeSlugConverter, "uslug")

urlpatterns = [
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("topics/", include("bulletin.topics.urls")),
    path("people/", include("bulletin.people.urls")),
    path("editions/", include("bulletin.editions.urls")),
    path("", include("bulletin.stories.urls")),
    path("", include("search.urls")),
]

if settings.DEBUG or settings.SERVE_MEDIA:
    # Uploaded images for a site run without a web server in front (see SERVE_MEDIA).
    from django.views.static import serve as serve_media

    urlpatterns += [
        re_path(rf"^{settings.MEDIA_URL.lstrip('/')}(?P<path>.*)$", serve_media, {"document_root": settings.MEDIA_ROOT}),
    ]

urlpatterns += [
    path("", include(wagtail_urls)),
]
