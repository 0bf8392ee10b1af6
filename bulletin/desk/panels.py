"""The desk's panels on the admin home page, each answered by one or two queries.

Panels are Wagtail components added by the construct_homepage_panels hook (wagtail_hooks.py).
Other apps add theirs the same way, placed by ORDER: reader searches that found nothing (the
search app's) at ORDER["searches"].
"""

from datetime import timedelta

from django.db.models import CharField, Count, Exists, F, OuterRef, Q, Subquery
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone
from wagtail.admin.ui.components import Component
from wagtail.models import GroupApprovalTask, Revision, TaskState

from bulletin.editions.models import Edition
from bulletin.epaper.models import PrintedPage, StoryRegion
from bulletin.readership.most_read import most_read
from bulletin.stories.models import StoryPage

# Where each panel sits on the home page (Wagtail's own panels are at 210-300).
ORDER = {
    "review": 100,
    "published": 110,
    "scheduled": 120,
    "edition": 130,
    "popular": 140,
    "searches": 150,
}


class DeskPanel(Component):
    """A dashboard panel whose data comes from ``get_rows``, rendered from desk/panels/<name>.html."""

    name = ""
    heading = ""

    @property
    def template_name(self):
        return f"desk/panels/{self.name}.html"

    @property
    def order(self):
        return ORDER[self.name]

    def get_context_data(self, parent_context):
        return {"heading": self.heading, **self.get_rows(parent_context["request"])}


class PublishedPanel(DeskPanel):
    """Stories live with a 发布日期 of today or earlier this week (the week starts on Monday)."""

    name = "published"
    heading = "本周发布"
    limit = 10

    def get_rows(self, request):
        today = timezone.localdate()
        monday = today - timedelta(days=today.weekday())
        stories = StoryPage.objects.filter(live=True, date__gte=monday, date__lte=today)
        counts = stories.aggregate(today=Count("pk", filter=Q(date=today)), week=Count("pk"))
        latest = stories.newest_first().only("pk", "title", "date", "kind")[: self.limit]
        return {"counts": counts, "stories": latest}


class ReviewPanel(DeskPanel):
    """Review steps in progress that the user may approve or reject.

    Wagtail's own panel asks every task type in turn and then each page's workflow again (a query
    or more per row); the newsroom's workflow has only group approval steps (bulletin/workflow), so
    their rule is one query: a step waits for the user if the user is in one of its groups.
    """

    name = "review"
    heading = "等待我审核"
    limit = 20

    def get_rows(self, request):
        user = request.user
        states = TaskState.objects.filter(status=TaskState.STATUS_IN_PROGRESS, task__active=True)
        if not user.is_superuser:
            reviewing = GroupApprovalTask.objects.filter(groups__in=user.groups.all())
            states = states.filter(task__in=reviewing.values("pk"))
        states = states.select_related("task", "revision", "revision__user").order_by("started_at")
        return {"states": list(states[: self.limit])}


class ScheduledPanel(DeskPanel):
    """Stories approved to go live at a set time, and live stories set to expire."""

    name = "scheduled"
    heading = "定时发布与到期下线"
    limit = 20

    def get_rows(self, request):
        scheduled = Revision.page_revisions.filter(
            object_id=Cast(OuterRef("pk"), output_field=CharField()), approved_go_live_at__isnull=False
        ).order_by("approved_go_live_at")
        stories = (
            StoryPage.objects.annotate(go_live=Subquery(scheduled.values("approved_go_live_at")[:1]))
            .filter(Q(go_live__isnull=False) | Q(live=True, expire_at__gt=timezone.now()))
            .order_by(Coalesce("go_live", "expire_at"), "pk")
            .only("pk", "title", "live", "expire_at")
        )
        return {"stories": list(stories[: self.limit])}


class EditionPanel(DeskPanel):
    """The latest edition's stories, per 版; for a 数字报 edition, the stories not placed on a page."""

    name = "edition"
    heading = "最新一期"

    def get_rows(self, request):
        edition = (
            Edition.objects.annotate(is_epaper=Exists(PrintedPage.objects.filter(edition=OuterRef("pk"))))
            .order_by("-date", "-number")
            .first()
        )
        if edition is None:
            return {"edition": None}
        stories = (
            StoryPage.objects.filter(edition=edition)
            .annotate(placed=Exists(StoryRegion.objects.filter(story=OuterRef("pk"))))
            .order_by(F("edition_order").asc(nulls_last=True), "pk")
            .values("pk", "title", "print_page", "placed")
        )
        pages = {}
        for story in stories:
            pages.setdefault(story["print_page"] or "未标版次", []).append(story)
        unplaced = [story for rows in pages.values() for story in rows if not story["placed"]]
        return {
            "edition": edition,
            "pages": [(label, len(rows)) for label, rows in pages.items()],
            "total": sum(len(rows) for rows in pages.values()),
            "unplaced": unplaced if edition.is_epaper else [],
        }


class PopularPanel(DeskPanel):
    """热门: the stories readers read most in the last seven days, as the reader site ranks them."""

    name = "popular"
    heading = "热门（近7天阅读最多）"

    def get_rows(self, request):
        return {"stories": most_read()}
