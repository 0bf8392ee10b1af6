from django.db import migrations


def create_story_index(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Locale = apps.get_model("wagtailcore.Locale")
    HomePage = apps.get_model("home.HomePage")
    StoryIndexPage = apps.get_model("stories.StoryIndexPage")

    home = HomePage.objects.filter(depth=2).order_by("path").first()
    if home is None or StoryIndexPage.objects.exists():
        return
    content_type, __ = ContentType.objects.get_or_create(model="storyindexpage", app_label="stories")
    StoryIndexPage.objects.create(
        title="新闻",
        draft_title="新闻",
        slug="news",
        content_type=content_type,
        path=home.path + "0001",
        depth=3,
        numchild=0,
        url_path=home.url_path + "news/",
        locale=Locale.objects.order_by("pk").first() or home.locale,
    )
    home.numchild += 1
    home.save(update_fields=["numchild"])


def remove_story_index(apps, schema_editor):
    StoryIndexPage = apps.get_model("stories.StoryIndexPage")
    HomePage = apps.get_model("home.HomePage")
    for index_page in StoryIndexPage.objects.filter(depth=3, slug="news", numchild=0):
        index_page.delete()
        HomePage.objects.filter(depth=2).update(numchild=0)


class Migration(migrations.Migration):
    dependencies = [
        ("stories", "0001_initial"),
        ("home", "0002_create_homepage"),
    ]
    operations = [migrations.RunPython(create_story_index, remove_story_index)]
