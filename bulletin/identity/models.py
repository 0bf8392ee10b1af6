"""Who publishes the site, as readers and the law see it: its name and logo, the 主办单位, the
filing numbers every Chinese site shows in its footer, where to report illegal content, and the
beats in the navigation. One set for the whole install (one site, one SITE_URL), edited under
设置 › 网站信息 in the admin; pages read it through bulletin.identity.site.current().
"""

from django.core.exceptions import ValidationError
from django.db import models
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.models import Orderable

DEFAULT_NAME = "上街新闻"
DEFAULT_TAGLINE = "上街区的新闻、简讯与通知公告"


@register_setting(icon="site", name="site-identity")
class SiteIdentity(ClusterableModel, BaseGenericSetting):
    site_name = models.CharField("网站名称", max_length=40, default=DEFAULT_NAME)
    tagline = models.CharField("网站口号", max_length=80, blank=True, default=DEFAULT_TAGLINE)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="网站标志",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="页头显示，并作为搜索引擎看到的发布者标志。宜用横向图片；不设置则页头显示网站名称。",
    )
    host = models.CharField("主办单位", max_length=100, blank=True)
    contact = models.CharField("联系方式", max_length=200, blank=True, help_text="例如：地址、邮编、电话")
    icp_number = models.CharField(
        "ICP备案号", max_length=60, blank=True, help_text="例如：豫ICP备12345678号-1；页脚链接到工信部备案查询网站。"
    )
    police_number = models.CharField(
        "公网安备案号", max_length=60, blank=True, help_text="例如：豫公网安备41010602000001号"
    )
    police_url = models.URLField(
        "公网安备链接",
        blank=True,
        help_text="全国互联网安全管理服务平台上本网站备案信息的网址。",
    )
    report_phone = models.CharField("违法和不良信息举报电话", max_length=40, blank=True)
    report_email = models.EmailField("违法和不良信息举报邮箱", blank=True)

    panels = [
        MultiFieldPanel([FieldPanel("site_name"), FieldPanel("tagline"), FieldPanel("logo")], heading="网站"),
        InlinePanel("nav_items", label="导航栏目", heading="导航栏目（排在“新闻、简讯、通知公告”之后）"),
        MultiFieldPanel(
            [
                FieldPanel("host"),
                FieldPanel("contact"),
                FieldRowPanel([FieldPanel("icp_number"), FieldPanel("police_number")]),
                FieldPanel("police_url"),
                FieldRowPanel([FieldPanel("report_phone"), FieldPanel("report_email")]),
            ],
            heading="页脚信息",
        ),
    ]

    class Meta:
        verbose_name = "网站信息"
        verbose_name_plural = "网站信息"

    def __str__(self):
        return self.site_name


class NavigationItem(Orderable):
    """A beat in the navigation bar: a topic's page, or any address."""

    identity = ParentalKey(SiteIdentity, related_name="nav_items", on_delete=models.CASCADE)
    label = models.CharField("名称", max_length=12)
    topic = models.ForeignKey(
        "topics.Topic", verbose_name="专题", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    link = models.CharField(
        "链接", max_length=200, blank=True, help_text="不选专题时填写：站内路径如 /notices/，或以 https:// 开头的网址。"
    )

    panels = [FieldRowPanel([FieldPanel("label"), FieldPanel("topic"), FieldPanel("link")])]

    class Meta(Orderable.Meta):
        verbose_name = "导航栏目"
        verbose_name_plural = "导航栏目"

    def clean(self):
        if bool(self.topic_id) == bool(self.link):
            raise ValidationError("请选择一个专题或填写一个链接（二者选一）。")
        on_this_site = self.link.startswith("/") and not self.link.startswith("//")
        if self.link and not (on_this_site or self.link.startswith(("https://", "http://"))):
            raise ValidationError({"link": "链接须以 / 或 https:// 开头。"})

    def url(self):
        return self.topic.get_absolute_url() if self.topic_id else self.link

    def __str__(self):
        return self.label
