"""RSS feeds of the latest public stories; an entry carries the story's corrections.

A feed is XML: whatever a story holds, the feed is written without the characters XML cannot
carry (bulletin/xmltext.py), so one story saved before the write paths removed them, or written
around them, cannot take the feed down for every reader.
"""

from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import timezone

from bulletin import siteurl
from bulletin.identity import site
from bulletin.stories.models import StoryPage
from bulletin.xmltext import xml_safe_data

FEED_LENGTH = 30


class LatestStoriesFeed(Feed):
    def title(self):
        return site.current().name

    def description(self):
        return site.current().tagline or site.current().name

    description_template = "feeds/story_description.html"

    # Links are on SITE_URL: a feed is read away from the site, by a reader that cannot know
    # the host and scheme the app sees behind its proxy.
    def link(self):
        return siteurl.absolute("/")

    def feed_url(self):
        return siteurl.absolute(reverse("stories:feed"))

    def get_feed(self, obj, request):
        feed = super().get_feed(obj, request)
        # Everything the feed will write, the feed's own fields and each entry's, after every
        # item_*() method and the description template have run.
        feed.feed = xml_safe_data(feed.feed)
        feed.items = xml_safe_data(feed.items)
        return feed

    def stories(self, obj):
        return StoryPage.objects.reader_list()

    def items(self, obj=None):
        return list(
            self.stories(obj)
            .with_card_data()
            .prefetch_related("topics", "corrections", for_specific_subqueries=True)[:FEED_LENGTH]
        )

    def item_title(self, story):
        return story.title

    def item_link(self, story):
        return siteurl.absolute(story.url)

    def item_pubdate(self, story):
        # The paper dates a story by day; readers' clients want a moment, so take its start.
        return timezone.make_aware(datetime.combine(story.date, time.min))

    def item_updateddate(self, story):
        return story.last_published_at

    def item_author_name(self, story):
        return story.print_byline() or None

    def item_categories(self, story):
        return [topic.name for topic in story.topics.all()]
