from django.shortcuts import get_object_or_404, render

from bulletin.stories.listing import paginate
from bulletin.stories.models import StoryPage
from bulletin.topics.models import Topic


def topic_list(request):
    return render(request, "topics/topic_list.html", {"topics": Topic.objects.with_public_stories()})


def topic_detail(request, slug):
    topic = get_object_or_404(Topic.objects.with_public_stories(), slug=slug)
    stories = paginate(request, StoryPage.objects.reader_list().filter(topics=topic))
    return render(request, "topics/topic_detail.html", {"topic": topic, "stories": stories})
