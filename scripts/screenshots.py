"""Capture the Apps page screenshots of openfire_crm_stage from a running Odoo,
with Playwright driving Debian's headless Chromium, logged in as admin.

Usage: python screenshots.py BASE_URL DATABASE OUTPUT_DIR SERIES
"""

import pathlib
import shutil
import sys

from playwright.sync_api import sync_playwright

base_url, database, output = sys.argv[1], sys.argv[2], pathlib.Path(sys.argv[3])
SERIES = int(sys.argv[4].split(".")[0])
PIPELINE, CARDS = "/odoo/crm", ".o_opportunity_kanban .o_kanban_record"
# 19.0's web client: a column's gear menu is the generic group config menu, and
# the stale count is Odoo's own rotting badge, in the column's progress bar
if SERIES >= 19:
    GEAR, GEAR_MENU = ".o_group_config button", ".o-dropdown--group-config-menu"
    STALE_COUNT = ".o_kanban_header .o_mail_resource_rotting_bg"
    STALE_COLUMN = ".o_kanban_group.o_kanban_group_show_rotting"
else:
    GEAR, GEAR_MENU = ".o_kanban_config button", ".o-dropdown--kanban-config-menu"
    STALE_COUNT = ".o_crm_stage_stale_count"
    STALE_COLUMN = ".o_kanban_group:has(.o_crm_stage_stale_count.btn-danger)"


def capture(page, name, selector, url=None, crop=False):
    """The page once SELECTOR shows, or only SELECTOR's element (CROP)."""
    if url:
        page.goto(base_url + url)
    page.wait_for_selector(selector)
    page.wait_for_timeout(800)  # let animations and lazy widgets settle
    shot = page.locator(selector).first if crop else page
    if crop and SERIES >= 19:
        # the pipeline's scrolling hides the column below the window, which shows
        # on 19.0's tinted filtered column: only its part in view
        box = shot.bounding_box()
        box["height"] = min(box["height"], page.viewport_size["height"] - box["y"])
        page.screenshot(path=output / name, clip=box)
    else:
        shot.screenshot(path=output / name)
    print(f"wrote {output / name}")


def edit_column(page, stage, entry):
    """From the pipeline, pick ENTRY in the gear menu of the column STAGE."""
    page.goto(base_url + PIPELINE)
    column = page.locator(
        ".o_kanban_group", has=page.locator(".o_column_title", has_text=stage)
    )
    column.locator(".o_kanban_header_title").hover()
    column.locator(GEAR).click()
    page.click(f"{GEAR_MENU} .dropdown-item:text-is('{entry}')")


def log_in(page):
    page.goto(f"{base_url}/web/login?db={database}")
    page.fill("input[name=login]", "admin")
    page.fill("input[name=password]", "admin")
    page.click("button[type=submit]")
    page.wait_for_selector(".o_main_navbar")


with sync_playwright() as playwright:
    browser = playwright.chromium.launch(
        executable_path=shutil.which("chromium"),
        args=["--no-sandbox", "--disable-gpu", "--hide-scrollbars"],
    )
    page = browser.new_page(viewport={"width": 1440, "height": 900})
    log_in(page)
    capture(page, "pipeline.png", CARDS, PIPELINE)
    # a column showing only its stale cards, as its stale count's click does
    page.click(f"{STALE_COUNT} >> nth=0")
    capture(page, "pipeline_stale.png", STALE_COLUMN, crop=True)

    page.goto(f"{base_url}/odoo/crm/action-crm.crm_stage_action")
    page.click(".o_data_row:has-text('Estimate') td[name=name]")
    capture(page, "stage_form.png", ".o_form_view .o_field_widget[name=probability]")

    edit_column(page, "Estimate", "Delete")
    page.click(".modal .btn-primary")
    capture(page, "deletion_refused.png", ".o_error_dialog")
    page.click(".modal-footer .btn-primary")
    capture(page, "move_and_delete.png", ".modal .o_field_widget[name=target_stage_id]")

    durations = "/odoo/crm/action-crm_stage_analysis.crm_stage_duration_action"
    capture(page, "stage_durations.png", ".o_pivot", durations)
    conversion = "/odoo/crm/action-crm_stage_analysis.crm_stage_conversion_action"
    capture(page, "stage_conversion.png", ".o_pivot", conversion)
    edit_column(page, "Quote", "Edit")
    capture(page, "stage_win_rate.png", ".modal .o_field_widget[name=win_rate_summary]")

    # admin speaks French from the next login on
    write = {"model": "res.users", "method": "write", "args": [[2], {"lang": "fr_FR"}]}
    rpc = {"jsonrpc": "2.0", "method": "call", "params": dict(write, kwargs={})}
    page.request.post(f"{base_url}/web/dataset/call_kw", data=rpc)
    page.goto(f"{base_url}/web/session/logout")
    log_in(page)
    capture(page, "pipeline_fr.png", CARDS, PIPELINE)
    edit_column(page, "Devis", "Modifier")
    capture(
        page, "stage_win_rate_fr.png", ".modal .o_field_widget[name=win_rate_summary]"
    )
    funnel = f"{conversion}?view_type=graph"
    capture(page, "stage_conversion_fr.png", ".o_graph_renderer canvas", funnel)
    browser.close()
