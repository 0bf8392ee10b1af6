from django.core.management.base import BaseCommand

from bulletin.importing.retag import retag


class Command(BaseCommand):
    help = (
        "按专题现在的关键词重新归类全部稿件：加上关键词（整词）命中的专题，去掉以前由关键词加上、现在不再命中的专题；"
        "编辑手动设置的专题不会去掉。--dry-run 只报告，不修改。"
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="只报告会加上和去掉哪些专题，不修改")

    def handle(self, *, dry_run, verbosity, **options):
        result = retag(dry_run=dry_run)
        will = "将" if dry_run else "已"
        if verbosity >= 1:
            for change in result.changes:
                parts = []
                if change.added:
                    parts.append(f"{will}加上 {'、'.join(topic.name for topic in change.added)}")
                if change.removed:
                    parts.append(f"{will}去掉 {'、'.join(topic.name for topic in change.removed)}")
                self.stdout.write(f"《{change.story.title}》（#{change.story.pk}）：{'；'.join(parts)}")
        for name, added, removed in result.totals():
            self.stdout.write(f"专题“{name}”：{will}加到 {added} 篇稿件，{will}从 {removed} 篇稿件去掉")
        summary = f"检查了 {result.stories} 篇稿件，{len(result.changes)} 篇的专题{'需要' if dry_run else '已经'}调整"
        if dry_run:
            summary += "（试运行，没有修改；去掉 --dry-run 即可执行）"
        elif not result.changes:
            summary += "：专题与关键词一致，没有修改"
        self.stdout.write(summary + "。")
