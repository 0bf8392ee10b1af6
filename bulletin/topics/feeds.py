from django.shortcuts import get_object_or_404
from django.urls import reverse

from bulletin import siteurl
from bulletin.identity import site
from bulletin.stories.feeds import LatestStoriesFeed
from bulletin.stories.models import StoryPage
from bulletin.topics.models import Topic


class TopicStoriesFeed(LatestStoriesFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Topic.objects.with_public_stories(), slug=slug)

    def title(self, topic):
        return f"{topic.name} - {site.current().name}"

    def description(self, topic):
        return topic.description or f"{site.current().name}“{topic.name}”专题的最新稿件"

    def link(self, topic):
        return siteurl.absolute(topic.get_absolute_url())

    def feed_url(self, topic):
        return siteurl.absolute(reverse("topics:feed", args=[topic.slug]))

    def stories(self, topic):
        return StoryPage.objects.reader_list().filter(topics=topic)
