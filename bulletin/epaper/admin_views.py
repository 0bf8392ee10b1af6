"""The region editor: an editor moves, resizes, draws, links and deletes the story regions of
one printed page. Saved regions show to readers at once (the page cache is emptied by the
saves' signals)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from wagtail.snippets.views.snippets import InspectView

from .forms import region_formset, save_regions
from .models import PrintedPage

PERMISSION = "epaper.change_storyregion"


def region_editor(request, page_id):
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied
    printed_page = get_object_or_404(PrintedPage.objects.select_related("edition"), pk=page_id)
    if request.method == "POST":
        formset = region_formset(printed_page, request.POST)
        if formset.is_valid():
            with transaction.atomic():
                save_regions(formset, printed_page)
            messages.success(request, f"已保存{printed_page}的稿件区域。")
            return redirect("epaper_admin:regions", printed_page.pk)
        messages.error(request, "没有保存：请改正下面标出的错误。")
    else:
        formset = region_formset(printed_page)
    pages = list(printed_page.edition.printed_pages.only("pk", "number"))
    context = {
        "printed_page": printed_page,
        "edition": printed_page.edition,
        "formset": formset,
        "pages": pages,
        "page_title": f"{printed_page} 稿件区域",
        "header_icon": "crop",
        "reader_url": reverse("epaper:page", args=[printed_page.edition.number, printed_page.number]),
    }
    return TemplateResponse(request, "epaper/admin/region_editor.html", context)


class EditionInspectView(InspectView):
    """An edition in the admin with its printed pages, each linking to its region editor with
    the number of regions on it (counted in one grouped query)."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["printed_pages"] = self.object.printed_pages.annotate(region_count=Count("regions"))
        return context
