import pathlib

from odoo.tests import TransactionCase, tagged
from odoo.tools.misc import file_path


@tagged("post_install", "-at_install")
class TestDescription(TransactionCase):
    """The Apps page and the README show the same screenshots."""

    def test_every_screenshot_is_shown_on_the_apps_page_and_in_the_readme(self):
        description = pathlib.Path(file_path("openfire_crm_stage/static/description"))
        index = (description / "index.html").read_text()
        readme = pathlib.Path(file_path("openfire_crm_stage/README.rst")).read_text()
        screenshots = sorted(
            png.name for png in description.glob("*.png") if png.name != "icon.png"
        )
        self.assertGreaterEqual(len(screenshots), 4)
        for name in screenshots:
            self.assertIn(f'src="{name}"', index)
            self.assertIn(f"/static/description/{name}", readme)

    def test_apps_page_renders_with_its_screenshots(self):
        module = self.env["ir.module.module"].search(
            [("name", "=", "openfire_crm_stage")]
        )
        self.assertIn(
            'src="/openfire_crm_stage/static/description/pipeline.png"',
            module.description_html,
        )
