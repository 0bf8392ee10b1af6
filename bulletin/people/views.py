from django.db.models import Count
from django.shortcuts import get_object_or_404, render

from bulletin.people.models import Person
from bulletin.stories.listing import page_of, paginate
from bulletin.stories.models import Byline, StoryPage

from .models import Role

PEOPLE_PER_PAGE = 60


def person_list(request):
    people = page_of(request, Person.objects.with_public_stories(), PEOPLE_PER_PAGE)
    return render(request, "people/person_list.html", {"people": people})


def person_detail(request, slug):
    person = get_object_or_404(Person.objects.with_public_stories().select_related("photo"), slug=slug)
    bylines = Byline.objects.filter(person=person, story__in=StoryPage.objects.for_readers().values("pk"))
    stories = StoryPage.objects.reader_list().filter(pk__in=bylines.values("story_id"))
    counts = dict(bylines.values_list("role").annotate(count=Count("story", distinct=True)))
    # In the order print bylines name the roles: 记者 before 通讯员 …
    role_counts = [(role, counts[role]) for role in Role.values if role in counts]
    return render(
        request,
        "people/person_detail.html",
        {"person": person, "stories": paginate(request, stories), "role_counts": role_counts},
    )
