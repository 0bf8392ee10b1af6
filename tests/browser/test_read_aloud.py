"""Reading a story aloud with the browser's speech synthesis: offered on story pages where the
browser can speak, it reads the headline and then the body in page order, in Chinese, and its
pause, resume and stop work.

Debian's chromium has no voice to speak with, so the page is given a speech engine of the
test's own (FAKE_SPEECH, Playwright's add_init_script): it records what the page asks of it and
fires the utterances' events as a browser does, when the test says an utterance is done. The
buttons, their states and the status line are the page's own, driven as a reader would.
"""

import pytest
from playwright.sync_api import expect

from .conftest import STORY_TITLE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PARAGRAPHS = [
    "11月27日，区残联走访辖区困难残疾人家庭，送去轮椅、助行器等康复器材。",
    "工作人员逐户了解残疾人的康复需求，登记了下一步的助残服务项目。",
]

# The Web Speech API as a browser with one Chinese voice offers it. Events are fired after the
# call that causes them returns, as a browser's are; window.__speech lets the test finish the
# utterance being spoken or make the engine fail, and reads the calls made.
FAKE_SPEECH = """
(() => {
    const calls = [];
    const queue = [];  // queue[0] is being spoken, unless paused
    let paused = false;
    const voice = {name: "测试普通话", lang: "zh-CN", voiceURI: "test-zh-CN", localService: true, default: true};
    const fire = (utterance, type, error) => setTimeout(() => {
        const event = new Event(type);
        if (error) Object.defineProperty(event, "error", {value: error});
        utterance.dispatchEvent(event);
    });
    class Utterance extends EventTarget {
        constructor(text) {
            super();
            Object.assign(this, {text: text || "", lang: "", voice: null, rate: 1, pitch: 1, volume: 1});
        }
    }
    const synthesis = new EventTarget();
    Object.defineProperties(synthesis, {
        speaking: {get: () => queue.length > 0},
        pending: {get: () => queue.length > 1},
        paused: {get: () => paused},
    });
    Object.assign(synthesis, {
        getVoices: () => [voice],
        speak(utterance) {
            calls.push({call: "speak", text: utterance.text, lang: utterance.lang, voice: utterance.voice && utterance.voice.name});
            queue.push(utterance);
            if (queue.length === 1) fire(utterance, "start");
        },
        pause() {
            calls.push({call: "pause"});
            if (queue.length && !paused) { paused = true; fire(queue[0], "pause"); }
        },
        resume() {
            calls.push({call: "resume"});
            if (paused) { paused = false; fire(queue[0], "resume"); }
        },
        cancel() {
            calls.push({call: "cancel"});
            queue.splice(0).forEach((utterance, i) => fire(utterance, "error", i === 0 ? "interrupted" : "canceled"));
            paused = false;
        },
    });
    Object.defineProperty(window, "speechSynthesis", {value: synthesis, configurable: true});
    Object.defineProperty(window, "SpeechSynthesisUtterance", {value: Utterance, configurable: true});
    window.__speech = {
        calls: () => calls,
        finish() {  // the utterance being spoken ends; the next starts
            const done = queue.shift();
            fire(done, "end");
            if (queue.length) fire(queue[0], "start");
        },
        fail(error) {  // the engine cannot speak the utterance
            const failed = queue.splice(0);
            failed.forEach((utterance, i) => fire(utterance, "error", i === 0 ? error : "canceled"));
        },
    };
})();
"""


def open_switches(page):
    page.get_by_role("button", name="适老模式").click()
    return page.locator("#reading-modes-panel")


def calls(page):
    return page.evaluate("() => window.__speech.calls()")


@pytest.fixture
def story(page, live_server, newsroom):
    """The lead story open with its 适老模式 panel, its speech engine the fake one."""
    page.add_init_script(FAKE_SPEECH)
    page.goto(live_server.url + newsroom["lead"].url)
    return open_switches(page)


def test_a_story_is_read_aloud_headline_first_then_paused_resumed_and_read_to_the_end(page, story):
    start = story.get_by_role("button", name="开始朗读")
    pause = story.get_by_role("button", name="暂停")
    stop = story.get_by_role("button", name="停止")
    status = story.get_by_role("status")
    expect(pause).to_be_hidden()
    expect(stop).to_be_hidden()

    start.click()
    expect(status).to_have_text("正在朗读")
    # The headline, then each paragraph, in Chinese, in the Chinese voice the browser offers.
    assert calls(page) == [
        {"call": "cancel"},
        *(
            {"call": "speak", "text": text, "lang": "zh-CN", "voice": "测试普通话"}
            for text in [STORY_TITLE, *PARAGRAPHS]
        ),
    ]
    expect(start).to_be_hidden()
    expect(stop).to_be_visible()
    expect(pause).to_be_focused()

    pause.click()
    expect(status).to_have_text("已暂停")
    resume = story.get_by_role("button", name="继续")
    expect(resume).to_be_focused()
    assert calls(page)[-1] == {"call": "pause"}
    assert page.evaluate("() => speechSynthesis.paused")

    resume.click()
    expect(status).to_have_text("正在朗读")
    expect(pause).to_be_visible()
    assert calls(page)[-1] == {"call": "resume"}

    page.evaluate("() => window.__speech.finish()")  # the headline is read
    page.evaluate("() => window.__speech.finish()")  # the first paragraph
    expect(status).to_have_text("正在朗读")  # not done until the last block ends
    page.evaluate("() => window.__speech.finish()")
    expect(status).to_have_text("朗读完毕")
    expect(start).to_be_visible()
    expect(pause).to_be_hidden()
    expect(stop).to_be_hidden()


def test_stop_silences_the_browser_and_gives_the_start_button_back(page, story):
    start = story.get_by_role("button", name="开始朗读")
    status = story.get_by_role("status")
    start.click()
    page.evaluate("() => window.__speech.finish()")

    story.get_by_role("button", name="停止").click()

    expect(status).to_have_text("已停止")
    expect(start).to_be_focused()
    expect(story.get_by_role("button", name="暂停")).to_be_hidden()
    assert calls(page)[-1] == {"call": "cancel"}
    assert not page.evaluate("() => speechSynthesis.speaking")
    # The utterances the stop cut off report "interrupted" and "canceled": not a failure to read.
    page.evaluate("() => new Promise((resolve) => setTimeout(resolve))")  # after the events fired
    expect(status).to_have_text("已停止")

    start.click()  # read again from the headline
    speaks = [call["text"] for call in calls(page) if call["call"] == "speak"]
    assert speaks == [STORY_TITLE, *PARAGRAPHS] * 2


def test_a_browser_that_cannot_speak_says_so_and_stops(page, story):
    story.get_by_role("button", name="开始朗读").click()

    page.evaluate("() => window.__speech.fail('synthesis-failed')")

    expect(story.get_by_role("status")).to_have_text("本机浏览器无法朗读（没有可用的中文语音）")
    expect(story.get_by_role("button", name="开始朗读")).to_be_visible()
    expect(story.get_by_role("button", name="暂停")).to_be_hidden()
    assert calls(page)[-1] == {"call": "cancel"}


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
