"""Choosers that find people, topics and editions by any part of a name (明玥 finds 王明玥).

Wagtail's snippet chooser searches through the search backend, which finds whole words; Chinese
names are not split into words, so a part of a name finds nothing. These records are few (hundreds
of people, dozens of topics), so a substring match in the database is quick and exact, and it is
the same match their listings use: the fields are the snippet viewset's own ``search_fields``.
稿件库's 署名 filter finds people the same way (bulletin/explorer).
"""

import operator
from functools import reduce

from django import forms
from django.db.models import Q
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.snippets.views.chooser import ChooseResultsView, ChooseView, SnippetChooserViewSet


def matching_names(objects, query):
    """The records of ``objects`` that have every word of ``query`` somewhere in their snippet
    viewset's ``search_fields`` (for a person: name or unit)."""
    fields = objects.model.snippet_viewset.search_fields
    for word in query.split():
        matches = (Q(**{f"{field}__icontains": word}) for field in fields)
        objects = objects.filter(reduce(operator.or_, matches))
    return objects


class NameSearchForm(BaseFilterForm):
    q = forms.CharField(
        label="搜索", widget=forms.TextInput(attrs={"placeholder": "输入名称的任意部分"}), required=False
    )

    def filter(self, objects):
        objects = super().filter(objects)
        query = self.cleaned_data.get("q", "").strip()
        if query:
            objects = matching_names(objects, query)
            self.is_searching = True
            self.search_query = query
        return objects


class NameChooseView(ChooseView):
    filter_form_class = NameSearchForm


class NameChooseResultsView(ChooseResultsView):
    filter_form_class = NameSearchForm


class NameChooserViewSet(SnippetChooserViewSet):
    """Set as a SnippetViewSet's ``chooser_viewset_class``."""

    choose_view_class = NameChooseView
    choose_results_view_class = NameChooseResultsView
