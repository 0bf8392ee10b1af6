from django.conf import settings
from django.urls import include, path, re_path, register_converter
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls

from bulletin.slugs import UnicodeSlugConverter

register_converter(UnicodeSlugConverter, "uslug")

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include("bulletin.files.urls")),
    path("topics/", include("bulletin.topics.urls")),
    path("people/", include("bulletin.people.urls")),
    path("editions/", include("bulletin.editions.urls")),
    path("", include("bulletin.stories.urls")),
    path("", include("bulletin.readership.urls")),
    path("", include("bulletin.seo.urls")),
    path("", include("search.urls")),
    path("", include("bulletin.epaper.urls")),
]

if settings.DEBUG or settings.SERVE_MEDIA:
    # Image renditions and the 数字报's page files for a site run without a web server in front
    # (see SERVE_MEDIA): only MEDIA_ROOT/images/ and MEDIA_ROOT/epaper/, never documents
    # (bulletin/files serves them after its checks) or image originals. Each route is rooted in
    # its folder so that no "../" in a path can climb out of it.
    from django.views.static import serve as serve_media

    urlpatterns += [
        re_path(
            rf"^{settings.MEDIA_URL.lstrip('/')}{folder}/(?P<path>.*)$",
            serve_media,
            {"document_root": settings.MEDIA_ROOT / folder},
        )
        for folder in ("images", "epaper")
    ]

urlpatterns += [
    path("", include("bulletin.lockout.urls")),
    path("", include(wagtail_urls)),
]
