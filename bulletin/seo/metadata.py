"""What a story page tells machines about the story, in one place for Open Graph, JSON-LD and
the news sitemap: when it was published and last changed, who wrote it, its picture, its publisher.
"""

from dataclasses import dataclass, field
from datetime import datetime, time

from django.templatetags.static import static
from django.utils import timezone
from wagtail.images.models import SourceImageIOError

from bulletin import siteurl
from bulletin.identity import site

# Link previews and Google's article results want an image at least 1200 pixels wide; Wagtail
# never enlarges a smaller original.
SHARE_IMAGE = "width-1200"
# static/img/logo.png: Google asks for a raster publisher logo at most 60 pixels high.
LOGO = ("img/logo.png", 200, 60)


def absolute(url):
    """``url`` (a path on this site, or already absolute, as MEDIA_URL on a CDN gives) on SITE_URL."""
    return siteurl.absolute(url) if url.startswith("/") else url


def published_at(date, first_published_at):
    """When a story came out, as an aware datetime in the paper's time zone, to the second.

    The moment it went live when that was on the story's own date; otherwise the start of that
    date: a story imported from the archive years later keeps the date it was printed.
    """
    if first_published_at:
        went_live = timezone.localtime(first_published_at).replace(microsecond=0)
        if went_live.date() == date:
            return went_live
    return timezone.make_aware(datetime.combine(date, time.min))


def modified_at(published, first_published_at, last_published_at):
    """When a story last changed: its latest publication if it was published again (a correction,
    an edit), else when it came out. Never before ``published``."""
    if first_published_at and last_published_at and last_published_at > first_published_at:
        return max(published, timezone.localtime(last_published_at).replace(microsecond=0))
    return published


def site_name():
    return site.current().name


def publisher():
    """The site as schema.org's publisher: its name and logo from 设置 › 网站信息 (the static
    logo until editors upload one)."""
    identity = site.current()
    logo = identity.publisher_logo
    if logo:
        url, width, height = absolute(logo.url), logo.width, logo.height
    else:
        path, width, height = LOGO
        url = absolute(static(path))
    return {
        "@type": "Organization",
        "name": identity.name,
        "url": siteurl.absolute("/"),
        "logo": {"@type": "ImageObject", "url": url, "width": width, "height": height},
    }


@dataclass
class StoryMetadata:
    url: str
    title: str
    description: str
    published: datetime
    modified: datetime
    authors: list = field(default_factory=list)
    image: object = None  # a Wagtail rendition of the lead image

    @property
    def image_url(self):
        return absolute(self.image.url) if self.image else ""

    def news_article(self):
        """schema.org NewsArticle, as JSON-LD data (bulletin.seo.templatetags.seo_tags.json_ld)."""
        data = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "mainEntityOfPage": self.url,
            "url": self.url,
            "headline": self.title,
            "description": self.description,
            "inLanguage": "zh-CN",
            "datePublished": self.published,
            "dateModified": self.modified,
            "author": [
                {"@type": "Person", "name": person.name, "url": siteurl.absolute(person.get_absolute_url())}
                for person in self.authors
            ],
            "publisher": publisher(),
            "isAccessibleForFree": True,
        }
        if self.image:
            data["image"] = [self.image_url]
        return data


def story_metadata(story, url, description):
    """``story``'s metadata; ``url`` is its canonical address, ``description`` its page's."""
    published = published_at(story.date, story.first_published_at)
    # Each person once, where they first appear in the byline (someone may be 记者 and 摄影).
    authors = list({byline.person_id: byline.person for byline in story.ordered_bylines()}.values())
    lead_image = getattr(story, "lead_image", None)  # articles have one, briefs do not
    try:
        image = lead_image.get_rendition(SHARE_IMAGE) if lead_image else None
    except SourceImageIOError:
        image = None  # the original is missing from MEDIA_ROOT: the page shows none either
    return StoryMetadata(
        url=url,
        title=story.title,
        description=description,
        published=published,
        modified=modified_at(published, story.first_published_at, story.last_published_at),
        authors=authors,
        image=image,
    )
