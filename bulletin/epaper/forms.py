"""The region editor's form: one row per region of a printed page, numbers as the fallback for
what the editor drags over the page image (static/epaper/region-editor.js)."""

from django import forms
from django.db.models import Q

from bulletin.stories.models import StoryPage

from .models import StoryRegion

COORDINATE = {"min_value": 0, "max_value": 1, "widget": forms.NumberInput(attrs={"step": "0.001"})}


class StoryChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, story):
        return story.title if story.live else f"{story.title}（未发布）"


class RegionForm(forms.ModelForm):
    story = StoryChoiceField(queryset=StoryPage.objects.none(), label="稿件", empty_label="（选择稿件）")
    x0 = forms.FloatField(label="左", **COORDINATE)
    y0 = forms.FloatField(label="上", **COORDINATE)
    x1 = forms.FloatField(label="右", **COORDINATE)
    y1 = forms.FloatField(label="下", **COORDINATE)

    class Meta:
        model = StoryRegion
        fields = ["story", "x0", "y0", "x1", "y1"]

    def __init__(self, *args, printed_page, **kwargs):
        super().__init__(*args, **kwargs)
        # The edition's stories, and any other story a region of this page is already linked to.
        linked = StoryRegion.objects.filter(page=printed_page).values("story")
        self.fields["story"].queryset = StoryPage.objects.filter(
            Q(edition=printed_page.edition) | Q(pk__in=linked)
        ).order_by("edition_order", "path")

    def clean(self):
        data = super().clean()
        x0, y0, x1, y1 = (data.get(name) for name in ("x0", "y0", "x1", "y1"))
        if None not in (x0, x1) and x0 >= x1:
            self.add_error("x1", "右边须在左边的右侧。")
        if None not in (y0, y1) and y0 >= y1:
            self.add_error("y1", "下边须在上边的下方。")
        return data


RegionFormSet = forms.modelformset_factory(StoryRegion, form=RegionForm, extra=1, can_delete=True)


def region_formset(printed_page, data=None):
    return RegionFormSet(
        data,
        queryset=printed_page.regions.select_related("story").order_by("y0", "x0", "pk"),
        prefix="regions",
        form_kwargs={"printed_page": printed_page},
    )


def save_regions(formset, printed_page):
    """Save what the editor changed, each region marked adjusted so a re-import keeps it.

    Saved one by one (not in bulk) so that each save sends the signal that empties the page
    cache (bulletin.caching.invalidation), as a publish does."""
    for form in formset.deleted_forms:
        if form.instance.pk:
            form.instance.delete()
    for form in formset.forms:
        if form in formset.deleted_forms or not form.has_changed():
            continue
        region = form.save(commit=False)
        region.page = printed_page
        region.adjusted = True
        region.save()
