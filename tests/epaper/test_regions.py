"""Finding stories in a page's characters (bulletin.epaper.regions), without a PDF: the text of
print differs from the edition's in ways that must not matter."""

from bulletin.epaper.pdf import Char, PageText
from bulletin.epaper.regions import StoryText, find_layout, normalize

FIRST = "区政务服务大厅推行周末无休服务，办事群众可在周六周日办理社保医保不动产等业务。"
SECOND = "矿山街道联合派出所民警和社区工作者，集中对辖区内商超文印店等进行扫黄打非排查。"


def printed(text, x0, top, per_line=10, size=10.0):
    """``text`` set in lines of ``per_line`` characters from (x0, top): each character's box."""
    chars = []
    for index, char in enumerate(text):
        line, column = divmod(index, per_line)
        left, upper = x0 + column * size, top + line * size * 1.5
        chars.append(Char(char, (left, upper, left + size, upper + size)))
    return chars


def page(*chars, number=1):
    return PageText(number, 600.0, 800.0, [char for part in chars for char in part])


def test_print_and_text_are_compared_without_width_spaces_or_punctuation():
    assert normalize("“周末无休”，ＡＢＣ １２３。\n") == normalize('"周末无休", ABC 123.') == "周末无休abc123"


def test_stories_are_found_whatever_the_line_breaks_punctuation_and_frame_order():
    stories = [StoryText(1, "周末无休", [FIRST]), StoryText(2, "扫黄打非", [SECOND])]
    # The second story's frame comes first in the content stream; the first story's print uses
    # half-width punctuation and a space the edition's text does not have.
    first_print = FIRST.replace("，", ", ").replace("。", ".")
    layout = find_layout([page(printed(SECOND, 300, 100), printed(first_print, 50, 100, per_line=8))], stories)

    assert layout.story_pages == {1: 1, 2: 1}
    found = {found.key: found.regions for found in layout.pages[0].stories}
    # One rectangle each, around its own column only (fractions of the 600 x 800 point page).
    [[x0, y0, x1, y1]] = found[1]
    assert x0 < 50 / 600 < 130 / 600 < x1 < 300 / 600 and y0 < 100 / 800
    [[x0, __, x1, __]] = found[2]
    assert 130 / 600 < x0 < 300 / 600 < 400 / 600 < x1
    assert layout.pages[0].unmatched == []


def test_a_phrase_two_stories_share_is_no_clue_but_stays_with_the_story_around_it():
    shared = "上街区人民政府"
    stories = [StoryText(1, "甲", [FIRST + shared + FIRST[::-1]]), StoryText(2, "乙", [SECOND + shared])]
    layout = find_layout([page(printed(FIRST + shared + FIRST[::-1], 50, 100))], stories)

    [found] = layout.pages[0].stories
    assert found.key == 1 and found.chars == len(normalize(FIRST + shared + FIRST[::-1]))


def test_text_matching_no_story_and_a_story_on_no_page_are_reported():
    stories = [StoryText(1, "周末无休", [FIRST]), StoryText(2, "扫黄打非", [SECOND])]
    advertisement = "本版广告某某商场年终大促销全场商品八折起欢迎广大市民前来选购"
    layout = find_layout([page(printed(FIRST, 50, 100), printed(advertisement, 300, 400))], stories)

    assert layout.story_pages == {1: 1}
    assert [story.key for story in layout.not_found(stories)] == [2]
    assert layout.pages[0].unmatched == [advertisement]
