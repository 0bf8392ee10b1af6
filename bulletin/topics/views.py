from django.shortcuts import get_object_or_404, render

from bulletin.stories.listing import paginate, public_stories, public_topics


def topic_list(request):
    return render(request, "topics/topic_list.html", {"topics": public_topics()})


def topic_detail(request, slug):
    topic = get_object_or_404(public_topics(), slug=slug)
    stories = paginate(request, public_stories().filter(topics=topic))
    return render(request, "topics/topic_detail.html", {"topic": topic, "stories": stories})
