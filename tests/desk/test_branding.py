"""The newsroom's name and logo on the admin and its login page, not Wagtail's."""

import pytest
from django.conf import settings
from django.urls import reverse

from tests.newsroom import client_for

from .visible_text import visible_text

pytestmark = pytest.mark.django_db

LOGO = "/static/img/logo.png"


def test_the_login_page_names_the_newsroom(client):
    html = client.get(reverse("wagtailadmin_login")).content.decode()

    assert f"<title>登录 - {settings.WAGTAIL_SITE_NAME}</title>" in html
    assert f"登录{settings.WAGTAIL_SITE_NAME}后台" in visible_text(html)
    assert f'src="{LOGO}" alt="{settings.WAGTAIL_SITE_NAME}"' in html
    assert 'href="/static/root/favicon.ico"' in html
    assert "wagtailadmin/images/favicon.ico" not in html
    assert not [text for text in visible_text(html) if "Wagtail" in text]


@pytest.mark.parametrize("role", ["reporter", "editor"])
def test_the_admin_shows_the_newsroom_not_wagtail(role, request):
    html = client_for(request.getfixturevalue(role)).get(reverse("wagtailadmin_home")).content.decode()

    assert f"- {settings.WAGTAIL_SITE_NAME}</title>" in html
    # The sidebar's logo is a template the sidebar script renders in place of Wagtail's bird.
    sidebar_logo = html[html.index("data-wagtail-sidebar-branding-logo") :]
    assert f'src="{LOGO}"' in sidebar_logo[: sidebar_logo.index("</template>")]
    assert not [text for text in visible_text(html) if "Wagtail" in text]
