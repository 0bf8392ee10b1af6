from django.db import migrations

# The newsroom's starting list. Editors change names and keywords in the admin; slugs stay.
STARTING_TOPICS = [
    ("助残", "残疾人、残联、假肢、助残、康复、盲人、聋哑"),
    ("城管", "城管局、城市管理、环卫、市容、违规广告、文明养犬、路灯"),
    ("外事", "外事、APEC、商务旅行卡、签证、出国、国际市场"),
    ("政务服务", "政务服务、政务服务大厅、公积金、社保、医保、不动产、办事大厅、周末无休"),
    ("消防", "消防、火灾、灭火器、消防救援"),
    ("市场监管", "市场监管、市场监督管理、食用农产品、生鲜灯、食品经营"),
    ("科技创新", "科技创新、创新驱动、高新技术企业、专利、孵化器、研发、瞪羚企业"),
    ("党建", "党建、党群服务、党员、党组、主题教育、党课"),
    ("民生", "民生、居民、便民、老年人、社区服务"),
    ("项目建设", "重点项目、项目建设、竣工验收、万人助万企、住建局"),
    ("文化体育", "文化体育、文广旅体、文艺演出、扫黄打非、文化市场"),
    ("安全生产", "安全生产、烟花爆竹、安全隐患、散煤"),
]


def create_topics(apps, schema_editor):
    Topic = apps.get_model("topics.Topic")
    for order, (name, keywords) in enumerate(STARTING_TOPICS, start=1):
        Topic.objects.get_or_create(name=name, defaults={"slug": name, "keywords": keywords, "sort_order": order * 10})


def remove_topics(apps, schema_editor):
    apps.get_model("topics.Topic").objects.filter(name__in=[name for name, _ in STARTING_TOPICS]).delete()


class Migration(migrations.Migration):
    dependencies = [("topics", "0001_initial")]
    operations = [migrations.RunPython(create_topics, remove_topics)]
