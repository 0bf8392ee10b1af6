from django.urls import reverse
from wagtail import hooks
from wagtail.admin.widgets.button import Button

from bulletin.stories.models import StoryIndexPage

from .views import StoryListingViewSet


@hooks.register("register_admin_viewset")
def register_story_listing():
    return StoryListingViewSet()


@hooks.register("register_page_header_buttons")
def link_the_story_section_to_the_story_list(page, user, next_url, view_name):
    # Wagtail's explorer of the story section lists its children by last edit only.
    if page.specific_class is StoryIndexPage:
        label = "在稿件库中查看（按日期、类型、期次、署名）"
        yield Button(label, reverse("story_list:index"), icon_name="list-ul", priority=1)
