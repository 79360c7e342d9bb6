from odoo.tests import tagged

from .common import TourCase


@tagged("post_install", "-at_install", "openfire_crm_stage", "stage_duration")
class TestStageDurationTours(TourCase):
    """A sales manager reads the Stage Durations report in Chromium, in English
    and in French (static/tests/tours/stage_duration_tours.js)."""

    tour_login = "openfire_report"
    tour_user_name = "Claire Manager"
    tour_groups = "sales_team.group_sale_manager"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        hotel, school = cls.env["crm.lead"].create(
            [
                {
                    "name": name,
                    "type": "opportunity",
                    "team_id": cls.team.id,
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
