"""Capture the Apps page screenshots of openfire_crm_stage from a running Odoo.

Usage: python screenshots.py BASE_URL DATABASE OUTPUT_DIR
Logs in as admin/admin, drives Debian's headless Chromium over the DevTools
protocol (websocket-client, which Odoo's browser tests use too) and writes PNGs.
"""

import base64
import json
import pathlib
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request

import websocket

DEBUG_PORT = 9339
WINDOW = (1440, 900)


def json_rpc(base_url, path, params, session_id=None):
    request = urllib.request.Request(
        base_url + path,
        data=json.dumps(
            {"jsonrpc": "2.0", "method": "call", "params": params}
        ).encode(),
        headers={"Content-Type": "application/json"},
    )
    if session_id:
        request.add_header("Cookie", f"session_id={session_id}")
    with urllib.request.urlopen(request) as response:
        body = json.load(response)
        cookie = response.headers.get("Set-Cookie", "")
    if body.get("error"):
        raise RuntimeError(body["error"]["data"]["message"])
    session = (
        cookie.split("session_id=")[1].split(";")[0]
        if "session_id=" in cookie
        else None
    )
    return body["result"], session


class Browser:
    def __init__(self):
        self.profile = tempfile.mkdtemp(prefix="openfire-chromium-")
        self.process = subprocess.Popen(
            [
                shutil.which("chromium") or "chromium",
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--hide-scrollbars",
                f"--window-size={WINDOW[0]},{WINDOW[1]}",
                f"--remote-debugging-port={DEBUG_PORT}",
                f"--user-data-dir={self.profile}",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _attempt in range(50):
            try:
                with urllib.request.urlopen(
                    f"http://127.0.0.1:{DEBUG_PORT}/json"
                ) as response:
                    pages = [t for t in json.load(response) if t["type"] == "page"]
                break
            except OSError:
                time.sleep(0.2)
        else:
            self.process.kill()
            raise RuntimeError("Chromium did not start: install Debian's chromium")
        self.socket = websocket.create_connection(pages[0]["webSocketDebuggerUrl"])
        self.message_id = 0

    def send(self, method, **params):
        self.message_id += 1
        self.socket.send(
            json.dumps({"id": self.message_id, "method": method, "params": params})
        )
        while True:
            message = json.loads(self.socket.recv())
            if message.get("id") == self.message_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})

    def evaluate(self, expression):
        result = self.send("Runtime.evaluate", expression=expression, awaitPromise=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result.get("result", {}).get("value")

    def wait_for(self, selector, timeout=30):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.evaluate(f"!!document.querySelector({json.dumps(selector)})"):
                time.sleep(0.8)  # let animations and lazy widgets settle
                return
            time.sleep(0.2)
        raise RuntimeError(f"{selector} never appeared")

    def click(self, selector):
        self.wait_for(selector)
        self.evaluate(f"document.querySelector({json.dumps(selector)}).click()")

    def click_text(self, selector, text):
        self.wait_for(selector)
        self.evaluate(
            f"[...document.querySelectorAll({json.dumps(selector)})]"
            f".find(el => el.textContent.trim() === {json.dumps(text)}).click()"
        )

    def open(self, url, selector):
        self.send("Page.navigate", url=url)
        self.wait_for(selector)

    def capture(self, path):
        data = self.send("Page.captureScreenshot", format="png")["data"]
        path.write_bytes(base64.b64decode(data))
        print(f"wrote {path}")

    def close(self):
        self.socket.close()
        self.process.terminate()
        self.process.wait()
        shutil.rmtree(self.profile, ignore_errors=True)


def log_in(base_url, database, browser, lang):
    """Log admin in, speaking LANG: the web client reads it from the session."""
    credentials = {"db": database, "login": "admin", "password": "admin"}
    _user, session_id = json_rpc(base_url, "/web/session/authenticate", credentials)
    json_rpc(
        base_url,
        "/web/dataset/call_kw/res.users/write",
        {
            "model": "res.users",
            "method": "write",
            "args": [[2], {"lang": lang}],
            "kwargs": {},
        },
        session_id,
    )
    _user, session_id = json_rpc(base_url, "/web/session/authenticate", credentials)
    browser.send("Network.setCookie", name="session_id", value=session_id, url=base_url)
    return session_id


def main(base_url, database, output_dir):
    output = pathlib.Path(output_dir)
    browser = Browser()
    try:
        browser.send("Page.enable")
        browser.send("Network.enable")
        browser.send(
            "Emulation.setDeviceMetricsOverride",
            width=WINDOW[0],
            height=WINDOW[1],
            deviceScaleFactor=1,
            mobile=False,
        )
        session_id = log_in(base_url, database, browser, "en_US")
        pipeline = f"{base_url}/odoo/action-crm.crm_lead_action_pipeline"
        browser.open(pipeline, ".o_opportunity_kanban .o_kanban_record")
        browser.capture(output / "pipeline.png")

        stage_id = json_rpc(
            base_url,
            "/web/dataset/call_kw/ir.model.data/check_object_reference",
            {
                "model": "ir.model.data",
                "method": "check_object_reference",
                "args": ["crm", "stage_lead2"],
                "kwargs": {},
            },
            session_id,
        )[0][1]
        browser.open(
            f"{base_url}/odoo/action-crm.crm_stage_action/{stage_id}",
            ".o_form_view .o_field_widget[name=probability]",
        )
        browser.capture(output / "stage_form.png")

        browser.open(pipeline, ".o_opportunity_kanban .o_kanban_record")
        browser.evaluate(
            "[...document.querySelectorAll('.o_kanban_group')]"
            ".find(group => group.querySelector('.o_column_title')"
            "    .textContent.includes('Estimate'))"
            ".querySelector('.o_kanban_config button').click()"
        )
        browser.click_text(".o-dropdown--kanban-config-menu .dropdown-item", "Delete")
        browser.click(".modal .btn-primary")
        browser.wait_for(".o_error_dialog")
        browser.capture(output / "deletion_refused.png")
        browser.click(".modal-footer .btn-primary")
        browser.wait_for(".modal .o_field_widget[name=target_stage_id]")
        browser.capture(output / "move_and_delete.png")

        log_in(base_url, database, browser, "fr_FR")
        browser.open(pipeline, ".o_opportunity_kanban .o_kanban_record")
        browser.capture(output / "pipeline_fr.png")
    finally:
        browser.close()


if __name__ == "__main__":
    main(*sys.argv[1:])
