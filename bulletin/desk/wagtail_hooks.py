from wagtail import hooks
from wagtail.admin.views.home import WorkflowObjectsToModeratePanel

from .panels import EditionPanel, PopularPanel, PublishedPanel, ReviewPanel, ScheduledPanel


@hooks.register("construct_homepage_panels")
def add_desk_panels(request, panels):
    # Ours lists the same review steps in one query, where Wagtail's takes several per row.
    panels[:] = [panel for panel in panels if not isinstance(panel, WorkflowObjectsToModeratePanel)]
    panels += [ReviewPanel(), PublishedPanel(), ScheduledPanel(), EditionPanel(), PopularPanel()]


@hooks.register("construct_reports_menu")
def hide_the_page_types_report(request, menu_items):
    # It lists the site's page models by their code names (stories.briefpage …): a report for
    # whoever maintains the site, not for the newsroom.
    if not request.user.is_superuser:
        menu_items[:] = [item for item in menu_items if item.name != "page-types-usage"]
