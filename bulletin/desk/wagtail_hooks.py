from wagtail import hooks
from wagtail.admin.views.home import WorkflowObjectsToModeratePanel

from .panels import EditionPanel, PublishedPanel, ReviewPanel, ScheduledPanel


@hooks.register("construct_homepage_panels")
def add_desk_panels(request, panels):
    # Ours lists the same review steps in one query, where Wagtail's takes several per row.
    panels[:] = [panel for panel in panels if not isinstance(panel, WorkflowObjectsToModeratePanel)]
    panels += [ReviewPanel(), PublishedPanel(), ScheduledPanel(), EditionPanel()]
