// Reading modes (适老化): text size (标准 / 大字 / 特大字), high contrast, and reading a story
// aloud. This device's choices are kept in localStorage, not cookies, so that pages stay the same
// for every reader (and cacheable). Loaded in <head> without defer: the classes go on <html>
// before the first paint, so nothing jumps; the switches (templates/includes/reading_modes.html)
// are wired once the page has been parsed. Without JavaScript they stay hidden and the page reads
// at its normal size and contrast.
(function () {
    "use strict";
    var root = document.documentElement;
    var SIZES = { normal: "", large: "large-text", xlarge: "xlarge-text" };

    function load(key) {
        try {
            return localStorage.getItem(key);
        } catch (e) {
            return null; // storage may be disabled (private mode): pages start at the defaults
        }
    }
    function store(key, value) {
        try {
            localStorage.setItem(key, value);
        } catch (e) {
            // Storage may be disabled: the choice then lasts for this page only.
        }
    }
    function applySize(size) {
        Object.keys(SIZES).forEach(function (name) {
            if (SIZES[name]) root.classList.toggle(SIZES[name], name === size);
        });
    }

    function currentSize() {
        return Object.keys(SIZES).filter(function (name) {
            return SIZES[name] && root.classList.contains(SIZES[name]);
        })[0] || "normal";
    }

    var size = load("text-size");
    applySize(Object.prototype.hasOwnProperty.call(SIZES, size) ? size : "normal");
    root.classList.toggle("high-contrast", load("contrast") === "high");

    document.addEventListener("DOMContentLoaded", function () {
        var modes = document.querySelector("[data-reading-modes]");
        if (!modes) return;
        var toggle = modes.querySelector("[data-reading-modes-toggle]");
        var panel = document.getElementById(toggle.getAttribute("aria-controls"));
        var sizeButtons = modes.querySelectorAll("[data-text-size]");
        var contrastButton = modes.querySelector("[data-contrast]");

        function showState() {
            sizeButtons.forEach(function (button) {
                var name = button.getAttribute("data-text-size");
                button.setAttribute("aria-pressed", name === currentSize() ? "true" : "false");
            });
            var high = root.classList.contains("high-contrast");
            contrastButton.setAttribute("aria-pressed", high ? "true" : "false");
        }
        function setOpen(open) {
            panel.hidden = !open;
            toggle.setAttribute("aria-expanded", open ? "true" : "false");
        }

        modes.hidden = false; // useless without JavaScript, so only shown when it can work
        showState();
        toggle.addEventListener("click", function () {
            setOpen(panel.hidden);
        });
        modes.addEventListener("keydown", function (event) {
            if (event.key === "Escape" && !panel.hidden) {
                setOpen(false);
                toggle.focus();
            }
        });
        sizeButtons.forEach(function (button) {
            button.addEventListener("click", function () {
                var name = button.getAttribute("data-text-size");
                applySize(name);
                store("text-size", name);
                showState();
            });
        });
        contrastButton.addEventListener("click", function () {
            var high = root.classList.toggle("high-contrast");
            store("contrast", high ? "high" : "normal");
            showState();
        });
        setUpReadAloud(modes.querySelector("[data-read-aloud]"));
    });

    // Read a story aloud with the browser's own speech synthesis, in a Chinese voice: the headline,
    // then the body's paragraphs, subheadings and quotes in page order. One utterance per block:
    // chromium stops long utterances part way, and per block the reader hears where a pause falls.
    // Offered only on story pages, and only where the browser can speak.
    function setUpReadAloud(controls) {
        var story = document.querySelector("article.story");
        var body = story && story.querySelector(".story__body");
        if (!controls || !body || !("speechSynthesis" in window) || !("SpeechSynthesisUtterance" in window)) {
            return;
        }
        var synth = window.speechSynthesis;
        var start = controls.querySelector("[data-speech=start]");
        var pause = controls.querySelector("[data-speech=pause]");
        var stop = controls.querySelector("[data-speech=stop]");
        var status = controls.querySelector("[data-speech-status]");
        var paused = false;

        function chineseVoice() {
            var voices = synth.getVoices();
            return voices.filter(function (v) { return /^zh[-_]CN/i.test(v.lang); })[0]
                || voices.filter(function (v) { return /^(zh|cmn)/i.test(v.lang); })[0]
                || null;
        }
        function blocks() {
            var parts = [story.querySelector("h1")].concat(
                Array.prototype.slice.call(body.querySelectorAll("p, h2, h3, h4, li, blockquote, figcaption"))
            );
            return parts
                .filter(function (el) { return el && !el.parentElement.closest("blockquote, li"); })
                .map(function (el) { return el.textContent.replace(/\s+/g, " ").trim(); })
                .filter(Boolean);
        }
        function show(state, message) {
            var reading = state !== "idle";
            paused = state === "paused";
            start.hidden = reading;
            pause.hidden = stop.hidden = !reading;
            pause.textContent = state === "paused" ? "继续" : "暂停";
            status.textContent = message || "";
        }

        // Voices load late in some browsers; one that lists voices but no Chinese one cannot read.
        // One that lists none yet is given the chance: it may still speak zh-CN by default.
        function checkVoices() {
            controls.hidden = synth.getVoices().length > 0 && !chineseVoice();
        }
        checkVoices();
        if (synth.addEventListener) synth.addEventListener("voiceschanged", checkVoices);

        start.addEventListener("click", function () {
            synth.cancel();
            var texts = blocks();
            var voice = chineseVoice();
            show("reading", "正在朗读");
            texts.forEach(function (text, i) {
                var utterance = new SpeechSynthesisUtterance(text);
                utterance.lang = "zh-CN";
                if (voice) utterance.voice = voice;
                if (i === texts.length - 1) {
                    utterance.addEventListener("end", function () { show("idle", "朗读完毕"); });
                }
                utterance.addEventListener("error", function (event) {
                    if (event.error === "interrupted" || event.error === "canceled") return;
                    synth.cancel();
                    show("idle", "本机浏览器无法朗读（没有可用的中文语音）");
                });
                synth.speak(utterance);
            });
            pause.focus();
        });
        pause.addEventListener("click", function () {
            if (paused) {
                synth.resume();
                show("reading", "正在朗读");
            } else {
                synth.pause();
                show("paused", "已暂停");
            }
        });
        stop.addEventListener("click", function () {
            synth.cancel();
            show("idle", "已停止");
            start.focus();
        });
        // Leaving the page must not leave the browser talking.
        window.addEventListener("pagehide", function () { synth.cancel(); });
    }
})();
