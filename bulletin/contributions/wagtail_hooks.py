from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import urls
from .views import PERMISSION


class ContributionsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(PERMISSION)


@hooks.register("register_admin_urls")
def register_contribution_urls():
    return [path("contributions/", include(urls))]


@hooks.register("register_reports_menu_item")
def register_contributions_menu_item():
    return ContributionsMenuItem(
        "稿件统计", reverse("contributions:report"), name="contributions", icon_name="table", order=50
    )
