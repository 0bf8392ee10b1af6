"""The reader's search parameters, checked: the same rules for the search page and the JSON API.

A topic, person or edition is known to readers only once a story they may see belongs to it
(as on the site: until then its page is a 404). One that exists only on drafts, or only on
stories readers may not see, is refused exactly as an unknown one: the answer must not tell
a hidden name from a made-up one.
"""

from django import forms
from django.db.models import Exists, OuterRef, Q

from bulletin.editions.models import Edition
from bulletin.people.models import Person, Role
from bulletin.stories.models import Kind
from bulletin.stories.visibility import reader_stories
from bulletin.topics.models import Topic

from .engines import Filters

MAX_PAGE_SIZE = 100
# Deep pages are not for reading; Elasticsearch also refuses offsets past 10,000.
MAX_RESULT_WINDOW = 10_000


class SearchForm(forms.Form):
    q = forms.CharField(label="搜索", required=False, strip=True)
    topic = forms.CharField(label="专题", required=False)
    kind = forms.ChoiceField(label="类型", required=False, choices=[("", "全部"), *Kind.choices])
    person = forms.CharField(label="人员", required=False, help_text="人员网址标识；可加角色，例如 王明玥:记者")
    year = forms.IntegerField(label="年份", required=False, min_value=1900, max_value=2100)
    month = forms.IntegerField(label="月份", required=False, min_value=1, max_value=12)
    edition = forms.IntegerField(label="期号", required=False, min_value=1)
    sort = forms.ChoiceField(label="排序", required=False, choices=[("relevance", "按相关度"), ("date", "按日期")])
    page = forms.IntegerField(label="页码", required=False, min_value=1)
    page_size = forms.IntegerField(label="每页条数", required=False, min_value=1, max_value=MAX_PAGE_SIZE)

    def clean_topic(self):
        value = self.cleaned_data["topic"].strip()
        if not value:
            return None
        topic = known_to_readers(Topic.objects.filter(Q(slug=value) | Q(name=value)), "topics").first()
        if topic is None:
            raise forms.ValidationError(f"没有名为“{value}”的专题。")
        return topic.slug

    def clean_person(self):
        value = self.cleaned_data["person"].strip()
        if not value:
            return None
        slug, _, role = value.partition(":")
        if role and role not in Role.values:
            raise forms.ValidationError(f"角色应为 {'、'.join(Role.values)} 之一。")
        if not known_to_readers(Person.objects.filter(slug=slug), "bylines__person").exists():
            raise forms.ValidationError(f"没有网址标识为“{slug}”的人员。")
        return value

    def clean_edition(self):
        number = self.cleaned_data["edition"]
        if number is not None and not known_to_readers(Edition.objects.filter(number=number), "edition").exists():
            raise forms.ValidationError(f"没有第{number}期。")
        return number

    def clean(self):
        cleaned = super().clean()
        page, page_size = cleaned.get("page") or 1, cleaned.get("page_size") or 20
        if page * page_size > MAX_RESULT_WINDOW:
            self.add_error("page", f"只能翻看前 {MAX_RESULT_WINDOW} 条结果，请缩小搜索范围。")
        cleaned["page"], cleaned["page_size"] = page, page_size
        cleaned["sort"] = cleaned.get("sort") or "relevance"
        return cleaned

    def filters(self):
        data = self.cleaned_data
        return Filters(
            topic=data.get("topic"),
            kind=data.get("kind") or None,
            person=data.get("person"),
            year=data.get("year"),
            month=data.get("month"),
            edition=data.get("edition"),
        )

    def error_messages(self):
        return {name: [str(message) for message in messages] for name, messages in self.errors.items()}


def known_to_readers(queryset, lookup):
    """The rows of ``queryset`` (topics, people, editions) that a story readers may see points to
    through ``lookup``, the path from StoryPage to them."""
    return queryset.filter(Exists(reader_stories().filter(**{lookup: OuterRef("pk")})))
