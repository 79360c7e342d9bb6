"""Capture the Apps page screenshots of openfire_crm_stage from a running Odoo,
with Playwright driving Debian's headless Chromium.

Usage: python screenshots.py BASE_URL DATABASE OUTPUT_DIR
"""

import pathlib
import shutil
import sys

from playwright.sync_api import sync_playwright

WINDOW = {"width": 1440, "height": 900}
PIPELINE = "/odoo/crm"
CARDS = ".o_opportunity_kanban .o_kanban_record"


def log_in(page, base_url, database, lang):
    """Log admin in, then make the web client speak LANG."""
    page.goto(f"{base_url}/web/login?db={database}")
    page.fill("input[name=login]", "admin")
    page.fill("input[name=password]", "admin")
    page.click("button[type=submit]")
    page.wait_for_selector(".o_main_navbar")
    page.evaluate(
        """async (lang) => {
            const rpc = async (url, params) => (await (await fetch(url, {
                method: "POST",
                headers: {"Content-Type": "application/json"},
                body: JSON.stringify({jsonrpc: "2.0", method: "call", params}),
            })).json()).result;
            const {uid} = await rpc("/web/session/get_session_info", {});
            await rpc("/web/dataset/call_kw/res.users/write", {
                model: "res.users", method: "write", args: [[uid], {lang}], kwargs: {},
            });
        }""",
        lang,
    )


def capture(page, output, name):
    page.wait_for_timeout(800)  # let animations and lazy widgets settle
    page.screenshot(path=output / name)
    print(f"wrote {output / name}")


def main(base_url, database, output_dir):
    output = pathlib.Path(output_dir)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=shutil.which("chromium"),
            args=["--no-sandbox", "--disable-gpu", "--hide-scrollbars"],
        )
        page = browser.new_page(viewport=WINDOW)
        log_in(page, base_url, database, "en_US")
        page.goto(base_url + PIPELINE)
        page.wait_for_selector(CARDS)
        capture(page, output, "pipeline.png")
        page.wait_for_selector(".o_openfire_stale_badge")
        capture(page, output, "pipeline_stale.png")

        page.goto(f"{base_url}/odoo/crm/action-crm.crm_stage_action")
        page.click(".o_data_row:has-text('Estimate') td[name=name]")
        page.wait_for_selector(".o_form_view .o_field_widget[name=probability]")
        capture(page, output, "stage_form.png")

        page.goto(base_url + PIPELINE)
        page.wait_for_selector(CARDS)
        title = page.locator(".o_column_title", has_text="Estimate")
        column = page.locator(".o_kanban_group", has=title)
        column.locator(".o_kanban_header_title").hover()
        column.locator(".o_kanban_config button").click()
        page.click(".o-dropdown--kanban-config-menu .dropdown-item:text-is('Delete')")
        page.click(".modal .btn-primary")
        page.wait_for_selector(".o_error_dialog")
        capture(page, output, "deletion_refused.png")
        page.click(".modal-footer .btn-primary")
        page.wait_for_selector(".modal .o_field_widget[name=target_stage_id]")
        capture(page, output, "move_and_delete.png")

        page.goto(
            f"{base_url}/odoo/crm/action-openfire_crm_stage.crm_stage_duration_action"
        )
        page.wait_for_selector(".o_pivot")
        capture(page, output, "stage_durations.png")

        log_in(page, base_url, database, "fr_FR")
        page.goto(base_url + PIPELINE)
        page.wait_for_selector(CARDS)
        capture(page, output, "pipeline_fr.png")
        browser.close()


if __name__ == "__main__":
    main(*sys.argv[1:])
