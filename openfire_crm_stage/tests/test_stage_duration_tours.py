from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged

from .common import ensure_french


@tagged("post_install", "-at_install", "openfire_crm_stage", "stage_duration")
class TestStageDurationTours(HttpCase):
    """A sales manager reads the Stage Durations report in Chromium, in English
    and in French (static/tests/tours/stage_duration_tours.js)."""

    browser_size = "1920x1080"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ensure_french(cls.env)
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US"))
        cls.users = {
            lang: new_test_user(
                cls.env,
                login=f"openfire_report_{lang}",
                name=f"Claire Manager ({lang})",
                groups="sales_team.group_sale_manager",
                lang=lang,
            )
            for lang in ("en_US", "fr_FR")
        }
        team = cls.env["crm.team"].create(
            {
                "name": "Brittany installers",
                "member_ids": [Command.set([user.id for user in cls.users.values()])],
            }
        )
        hotel, school = cls.env["crm.lead"].create(
            [
                {
                    "name": name,
                    "type": "opportunity",
                    "team_id": team.id,
                    "stage_id": cls.env.ref("crm.stage_lead1").id,
                }
                for name in ("Hotel smoke detectors", "School fire alarm")
            ]
        )
        # stage changes are tracked at the end of the request: flush them
        cls.env.flush_all()
        cls.env.cr.precommit.run()
        hotel.stage_id = cls.env.ref("crm.stage_lead3")
        school.stage_id = cls.env.ref("crm.stage_lead2")
        cls.env.flush_all()
        cls.env.cr.precommit.run()

    def _start_tour(self, lang):
        self.start_tour(
            "/odoo",
            f"openfire_crm_stage_stage_duration_{lang[:2]}",
            login=self.users[lang].login,
        )

    def test_report_drill_down_en(self):
        self._start_tour("en_US")

    def test_report_drill_down_fr(self):
        self._start_tour("fr_FR")
