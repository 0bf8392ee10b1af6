"""The newsroom's roles, as Wagtail groups created by migration 0001.

Reporters (记者) and correspondents (通讯员) share one group: in the CMS they do the same thing —
write stories and submit them for review — and Wagtail's "add" page permission already limits each
of them to the stories they own. What distinguishes them is how they are credited, which is the
byline role on the story (bulletin.people.models.Role), not what their account may do.
"""

REPORTERS = "记者/通讯员"
EDITORS = "编辑"
CHIEF_EDITORS = "总编"

REVIEW_WORKFLOW = "稿件审核"
REVIEW_TASK = "编辑审核"
