"""The HTML view in a real headless browser: Debian's chromium, driven over the DevTools protocol.

No browser-driver dependency: chromium is started with ``--remote-debugging-pipe``
and this module speaks the Chrome DevTools Protocol itself (NUL-terminated JSON
messages on file descriptors 3 and 4).  Checked on the seed page: it loads
without console errors, exceptions or requests beyond the file itself, every
record (entities + quantities + dates + quotes) is one visible highlighted
element, hovering a quantity shows its value in the panel, and a screenshot is
written to the test's temp folder.  ``EXTRACT_SCREENSHOT=docs/seed-page.png``
copies that screenshot there too (how the README's picture is made).

Without chromium the tests skip, except under CI (``CI`` set), where
``.ci/run`` installs it and its absence is a failure.
"""

from __future__ import annotations

import base64
import fcntl
import json
import os
import queue
import shutil
import subprocess
import threading
import time
from pathlib import Path

import pytest

from extract import extract, render_html

BROWSERS = ("chromium", "chromium-browser", "google-chrome")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--remote-debugging-pipe",
)
WIDTH, HEIGHT = 1280, 1500
TIMEOUT = 30.0


def _browser() -> str:
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    reason = "no chromium on PATH (apt-get install chromium; .ci/run installs it)"
    if os.environ.get("CI"):
        pytest.fail(reason)
    pytest.skip(reason)


class DevTools:
    """A chromium process and one page session, over the DevTools pipe."""

    def __init__(self, binary: str, profile: Path) -> None:
        to_child_r, self._to_child = os.pipe()
        self._from_child, from_child_w = os.pipe()

        def wire_fds() -> None:  # in the child: its fd 3 reads our commands, its fd 4 writes replies
            read_end = fcntl.fcntl(to_child_r, fcntl.F_DUPFD, 10)
            write_end = fcntl.fcntl(from_child_w, fcntl.F_DUPFD, 10)
            os.dup2(read_end, 3)
            os.dup2(write_end, 4)

        self.proc = subprocess.Popen(
            [binary, *FLAGS, f"--user-data-dir={profile}", f"--window-size={WIDTH},{HEIGHT}", "about:blank"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            pass_fds=(3, 4),
            preexec_fn=wire_fds,
        )
        os.close(to_child_r)
        os.close(from_child_w)
        self._next_id = 0
        self._replies: dict[int, dict] = {}
        self._inbox: queue.Queue[dict | None] = queue.Queue()
        self.events: list[dict] = []
        threading.Thread(target=self._read, daemon=True).start()
        self.session = ""
        targets = self.call("Target.getTargets")["targetInfos"]
        page = next((t["targetId"] for t in targets if t["type"] == "page"), None)
        if page is None:
            page = self.call("Target.createTarget", url="about:blank")["targetId"]
        self.session = self.call("Target.attachToTarget", targetId=page, flatten=True)["sessionId"]
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.call(f"{domain}.enable")
        self.call("Emulation.setDeviceMetricsOverride", width=WIDTH, height=HEIGHT, deviceScaleFactor=1, mobile=False)

    def _read(self) -> None:
        buffer = b""
        while True:
            chunk = os.read(self._from_child, 1 << 16)
            if not chunk:
                self._inbox.put(None)
                return
            buffer += chunk
            *messages, buffer = buffer.split(b"\0")
            for message in messages:
                self._inbox.put(json.loads(message))

    def _pump(self, deadline: float) -> None:
        message = self._inbox.get(timeout=max(0.01, deadline - time.monotonic()))
        if message is None:
            raise RuntimeError("chromium closed the DevTools pipe")
        if "id" in message:
            self._replies[message["id"]] = message
        else:
            self.events.append(message)

    def call(self, method: str, **params: object) -> dict:
        self._next_id += 1
        message: dict[str, object] = {"id": self._next_id, "method": method, "params": params}
        if self.session:
            message["sessionId"] = self.session
        os.write(self._to_child, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + TIMEOUT
        while self._next_id not in self._replies:
            self._pump(deadline)
        reply = self._replies.pop(self._next_id)
        if "error" in reply:
            raise RuntimeError(f"{method}: {reply['error']}")
        return reply.get("result", {})

    def wait_for(self, method: str) -> dict:
        deadline = time.monotonic() + TIMEOUT
        while True:
            for event in self.events:
                if event.get("method") == method:
                    return event
            self._pump(deadline)

    def evaluate(self, expression: str) -> object:
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"page script failed: {result['exceptionDetails']}")
        return result["result"].get("value")

    def open(self, path: Path) -> None:
        self.events.clear()
        self.call("Page.navigate", url=path.as_uri())
        self.wait_for("Page.loadEventFired")

    def problems(self) -> list[str]:
        """Console errors, uncaught exceptions, error log entries and dialogs seen so far."""
        out = []
        for event in self.events:
            method, params = event.get("method"), event.get("params", {})
            if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
                out.append(f"console.{params['type']}: {params.get('args')}")
            elif method == "Runtime.exceptionThrown":
                out.append(f"exception: {params.get('exceptionDetails')}")
            elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
                out.append(f"log: {params['entry'].get('text')}")
            elif method == "Page.javascriptDialogOpening":
                out.append(f"dialog: {params.get('message')}")
        return out

    def requests(self) -> list[str]:
        return [e["params"]["request"]["url"] for e in self.events if e.get("method") == "Network.requestWillBeSent"]

    def screenshot(self, path: Path) -> Path:
        data = self.call("Page.captureScreenshot", format="png")["data"]
        path.write_bytes(base64.b64decode(data))
        return path

    def close(self) -> None:
        try:
            self.call("Browser.close")
        except (RuntimeError, queue.Empty):
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        os.close(self._to_child)


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory):
    binary = _browser()
    tools = DevTools(binary, tmp_path_factory.mktemp("chromium-profile"))
    try:
        yield tools
    finally:
        tools.close()


@pytest.fixture(scope="module")
def seed_page(browser: DevTools, seed_doc, seed_raw, tmp_path_factory: pytest.TempPathFactory) -> DevTools:
    page = tmp_path_factory.mktemp("view") / "seed.html"
    page.write_text(render_html(seed_doc, seed_raw), encoding="utf-8")
    browser.open(page)
    return browser


# What the page must show, counted in the browser.
COUNT_MARKS = """(() => {
  const marks = Array.from(document.querySelectorAll("mark.rec"));
  const firsts = marks.filter((m) => !m.classList.contains("cont"));
  const shown = firsts.filter((m) => {
    const r = m.getBoundingClientRect();
    const style = getComputedStyle(m);
    return r.width > 0 && r.height > 0 && style.visibility === "visible" && style.backgroundColor !== "rgba(0, 0, 0, 0)";
  });
  return {pieces: marks.length, firsts: firsts.length, ids: new Set(marks.map((m) => m.dataset.id)).size,
          shown: shown.length, idList: firsts.map((m) => m.dataset.id)};
})()"""

# The center of the first quantity whose center is not covered by a record nested in it.
FIND_QUANTITY = """(() => {
  for (const m of document.querySelectorAll("mark.rec.t-QUANTITY:not(.cont)")) {
    m.scrollIntoView({block: "center"});
    const r = m.getBoundingClientRect();
    const x = r.left + r.width / 2, y = r.top + r.height / 2;
    const hit = document.elementFromPoint(x, y);
    if (hit && hit.closest("mark.rec") === m) { return {id: m.dataset.id, x: x, y: y}; }
  }
  return null;
})()"""

READ_PANEL = """(() => {
  const card = document.querySelector("#panel .card");
  if (!card) { return null; }
  const rows = {};
  card.querySelectorAll("dd").forEach((dd) => { rows[dd.dataset.field] = dd.textContent; });
  return {title: card.querySelector("h3").textContent, rows: rows,
          active: Array.from(document.querySelectorAll("mark.rec.active")).map((m) => m.dataset.id)};
})()"""


def test_seed_page_loads_without_console_errors_or_requests(seed_page: DevTools, tmp_path_factory) -> None:
    assert seed_page.problems() == []
    requests = seed_page.requests()
    assert requests and all(url.startswith("file://") for url in requests), requests
    assert len(requests) == 1  # the page itself: no script, style, font or image fetched


def test_every_record_is_one_visible_highlight(seed_page: DevTools, seed_doc) -> None:
    records = [*seed_doc.entities, *seed_doc.quantities, *seed_doc.dates, *seed_doc.quotes]
    counts = seed_page.evaluate(COUNT_MARKS)
    assert isinstance(counts, dict)
    assert counts["firsts"] == counts["ids"] == counts["shown"] == len(records)
    assert sorted(counts["idList"]) == sorted(r.id for r in records)
    assert counts["pieces"] >= len(records)


def test_hovering_a_quantity_shows_its_value(seed_page: DevTools, seed_doc) -> None:
    target = seed_page.evaluate(FIND_QUANTITY)
    assert isinstance(target, dict), "no quantity could be hovered"
    quantity = next(q for q in seed_doc.quantities if q.id == target["id"])
    seed_page.call("Input.dispatchMouseEvent", type="mouseMoved", x=target["x"], y=target["y"])
    panel = seed_page.evaluate(READ_PANEL)
    assert isinstance(panel, dict), "the panel did not fill on hover"
    assert panel["title"] == f"QUANTITY {quantity.id}"
    assert panel["rows"]["value"] == format(quantity.value, "f")
    assert panel["rows"]["unit"] == quantity.unit
    assert panel["rows"]["raw offsets"] == f"[{quantity.span[0]}, {quantity.span[1]})"
    assert quantity.id in panel["active"]
    assert seed_page.problems() == []


def test_screenshot_of_the_seed_page(seed_page: DevTools, tmp_path: Path) -> None:
    # After the hover test when run in order: the panel then shows a quantity.
    seed_page.evaluate("window.scrollTo(0, 0)")
    shot = seed_page.screenshot(tmp_path / "seed-page.png")
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(data) > 20_000  # a rendered page, not a blank one
    wanted = os.environ.get("EXTRACT_SCREENSHOT")
    if wanted:
        shutil.copyfile(shot, wanted)


def test_page_text_is_never_markup(browser: DevTools, tmp_path: Path) -> None:
    raw = "本报讯 北京大学<script>alert(1)</script>发布消息，<img src=x onerror=alert(2)>共有3000名学生。\n"
    page = tmp_path / "hostile.html"
    page.write_text(render_html(extract(raw), raw), encoding="utf-8")
    browser.open(page)
    assert browser.problems() == []
    assert browser.evaluate("document.querySelectorAll('main script, main img').length") == 0
    text = browser.evaluate("document.querySelector('main').textContent")
    assert isinstance(text, str) and "<script>alert(1)</script>" in text and "<img src=x" in text
