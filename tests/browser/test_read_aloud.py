"""Reading a story aloud with the browser's own speech synthesis: offered on story pages where the
browser can speak, it reads the headline and then the body in page order, in Chinese, and its
pause, resume and stop work. The speech engine is chromium's own; only speak() is watched, to
learn what the page asked it to say."""

import pytest
from playwright.sync_api import expect

from .conftest import STORY_TITLE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

# Records each utterance the page hands to the browser, then hands it on unchanged.
WATCH_SPEECH = """
const speak = speechSynthesis.speak.bind(speechSynthesis);
window.__spoken = [];
speechSynthesis.speak = (utterance) => {
    window.__spoken.push({text: utterance.text, lang: utterance.lang});
    speak(utterance);
};
"""


def open_switches(page):
    page.get_by_role("button", name="适老模式").click()
    return page.locator("#reading-modes-panel")


def test_a_story_is_read_aloud_headline_first_then_paused_resumed_and_stopped(page, live_server, newsroom):
    page.add_init_script(WATCH_SPEECH)
    page.goto(live_server.url + newsroom["lead"].url)
    panel = open_switches(page)
    start = panel.get_by_role("button", name="开始朗读")
    status = panel.get_by_role("status")

    start.click()
    assert page.evaluate("() => window.__spoken") == [
        {"text": STORY_TITLE, "lang": "zh-CN"},
        {"text": "11月27日，区残联走访辖区困难残疾人家庭，送去轮椅、助行器等康复器材。", "lang": "zh-CN"},
        {"text": "工作人员逐户了解残疾人的康复需求，登记了下一步的助残服务项目。", "lang": "zh-CN"},
    ]
    if page.evaluate("() => speechSynthesis.getVoices().length") == 0:
        # Debian's chromium without speech-dispatcher has no voice: the reader is told so, and the
        # controls go back to where they were instead of pretending to read.
        expect(status).to_have_text("本机浏览器无法朗读（没有可用的中文语音）")
        expect(start).to_be_visible()
        expect(panel.get_by_role("button", name="暂停")).to_be_hidden()
        return
    pause = panel.get_by_role("button", name="暂停")
    pause.click()
    expect(status).to_have_text("已暂停")
    assert page.evaluate("() => speechSynthesis.paused")
    panel.get_by_role("button", name="继续").click()
    expect(status).to_have_text("正在朗读")
    panel.get_by_role("button", name="停止").click()
    expect(status).to_have_text("已停止")
    expect(start).to_be_focused()
    assert not page.evaluate("() => speechSynthesis.speaking")


def test_read_aloud_is_offered_only_on_stories_where_the_browser_can_speak(new_page, live_server, newsroom):
    page = new_page()
    page.goto(live_server.url + "/")
    expect(open_switches(page).get_by_role("button", name="开始朗读")).to_have_count(0)  # not a story

    page.goto(live_server.url + newsroom["lead"].url)
    expect(open_switches(page).get_by_role("button", name="开始朗读")).to_be_visible()

    # A browser without the Web Speech API (as some WebViews are) gets no button.
    without_speech = new_page()
    without_speech.add_init_script("delete window.speechSynthesis; delete window.SpeechSynthesisUtterance;")
    without_speech.goto(live_server.url + newsroom["lead"].url)
    assert without_speech.evaluate("() => 'speechSynthesis' in window") is False
    panel = open_switches(without_speech)
    expect(panel.get_by_role("button", name="大字", exact=True)).to_be_visible()
    expect(panel.get_by_role("button", name="开始朗读")).to_have_count(0)
