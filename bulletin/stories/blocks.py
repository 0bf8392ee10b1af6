"""StreamField blocks for an article body: how a print story is built, paragraph by paragraph."""

from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

PARAGRAPH_FEATURES = ["bold", "italic", "link"]


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label="图片")
    caption = blocks.CharBlock(label="图片说明", required=False, max_length=250)
    credit = blocks.CharBlock(label="摄影/来源", required=False, max_length=100)

    class Meta:
        icon = "image"
        label = "图片"
        template = "stories/blocks/image_block.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label="引文")
    attribution = blocks.CharBlock(label="出处", required=False, max_length=100)

    class Meta:
        icon = "openquote"
        label = "引文"
        template = "stories/blocks/quote_block.html"


class StoryBodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        label="段落", features=PARAGRAPH_FEATURES, template="stories/blocks/paragraph_block.html"
    )
    subheading = blocks.CharBlock(label="小标题", max_length=120, template="stories/blocks/subheading_block.html")
    image = ImageBlock()
    quote = QuoteBlock()
